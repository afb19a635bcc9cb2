/* Offline drafts for field forms (inspection checklist, hazard registration, self-check).
 *
 * A form with data-draft="KEY" is kept in this browser's localStorage under "anjian-draft:KEY"
 * as it is filled in. Submitted while the device is offline, it is not lost: it stays kept,
 * marked pending, the banner (#draft-status) says so, and it is sent as soon as the browser is
 * back online (the "online" event, or the next time the page opens online). Opened again, the
 * page restores a kept draft. Files (photos) are not kept: the browser cannot store them here.
 * Served from the platform's own static files (CSP 'self'); no library.
 */
(function () {
  "use strict";
  var PREFIX = "anjian-draft:";

  function kept(el) {
    return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" &&
      el.type !== "submit" && el.type !== "button" && el.type !== "reset";
  }

  function collect(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) { return; }
      if (el.type === "radio") {
        if (el.checked) { data[el.name] = el.value; }
      } else if (el.type === "checkbox") {
        data[el.name + "=" + el.value] = el.checked;
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function restore(form, data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) { return; }
      if (el.type === "radio") {
        if (el.name in data) { el.checked = data[el.name] === el.value; }
      } else if (el.type === "checkbox") {
        var key = el.name + "=" + el.value;
        if (key in data) { el.checked = !!data[key]; }
      } else if (el.tagName === "SELECT" && el.multiple) {
        if (Array.isArray(data[el.name])) {
          Array.prototype.forEach.call(el.options, function (o) {
            o.selected = data[el.name].indexOf(o.value) >= 0;
          });
        }
      } else if (el.name in data) {
        el.value = data[el.name];
      }
    });
  }

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (e) {
      window.localStorage.removeItem(key);
      return null;
    }
  }

  function setup(form) {
    var key = PREFIX + form.getAttribute("data-draft");
    var banner = document.getElementById("draft-status");
    var sending = false;

    function say(kind) {
      if (!banner) { return; }
      banner.textContent = banner.getAttribute("data-" + kind) || "";
      banner.hidden = false;
      banner.setAttribute("data-state", kind);
    }

    function save(pending) {
      try {
        window.localStorage.setItem(key, JSON.stringify({
          fields: collect(form), pending: !!pending, saved: Date.now()
        }));
      } catch (e) { /* storage full or refused: the form still works online */ }
    }

    function send() {
      if (sending) { return; }
      sending = true;
      say("sending");
      window.localStorage.removeItem(key);
      HTMLFormElement.prototype.submit.call(form);
    }

    var draft = read(key);
    // A page the server sent back with errors shows what was posted: keep that, not the draft.
    if (draft && !form.querySelector(".is-invalid")) {
      restore(form, draft.fields || {});
      say("restored");
      if (draft.pending && navigator.onLine) { send(); }
    }
    form.addEventListener("input", function () { save(false); });
    form.addEventListener("change", function () { save(false); });
    form.addEventListener("submit", function (event) {
      if (!navigator.onLine) {
        event.preventDefault();
        save(true);
        say("offline");
        return;
      }
      window.localStorage.removeItem(key);
    });
    window.addEventListener("offline", function () { say("lost"); });
    window.addEventListener("online", function () {
      var current = read(key);
      if (current && current.pending) {
        send();
      } else if (banner && banner.getAttribute("data-state") === "lost") {
        banner.hidden = true;
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), setup);
})();
