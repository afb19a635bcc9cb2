// The patrol form: when the browser offers geolocation, a button appends the phone's position
// ("longitude,latitude", WGS-84 degrees) to the check-in points; without it the field is typed.
(function () {
  "use strict";
  var script = document.getElementById("patrol-script");
  var button = document.getElementById("locate");
  var status = document.getElementById("locate-status");
  var field = document.getElementById("id_points");
  if (!button || !field || !("geolocation" in navigator)) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = script.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var point = position.coords.longitude.toFixed(6) + "," + position.coords.latitude.toFixed(6);
        field.value = field.value.trim() ? field.value.trim() + "; " + point : point;
        status.textContent = script.dataset.added;
      },
      function () {
        status.textContent = script.dataset.failed;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
