// Counts of open tasks beside the menu entries: one request to the todo API per page, so the
// page itself costs no query for its menu. A badge lists the task kinds it counts.
(function () {
  var menu = document.getElementById("menu");
  if (!menu || !menu.dataset.todoUrl) { return; }
  fetch(menu.dataset.todoUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.by_kind) { return; }
      document.querySelectorAll("[data-pending]").forEach(function (badge) {
        var total = 0;
        badge.dataset.pending.split(" ").forEach(function (kind) { total += data.by_kind[kind] || 0; });
        if (total > 0) {
          badge.textContent = total > 99 ? "99+" : String(total);
          badge.classList.remove("d-none");
        }
      });
    })
    .catch(function () {});
})();
