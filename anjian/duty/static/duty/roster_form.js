// "Add a shift": clone the formset's empty form with the next index.
(function () {
  var button = document.getElementById("add-shift");
  if (!button) { return; }
  button.addEventListener("click", function () {
    var total = document.getElementById("id_shifts-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var html = document.getElementById("empty-shift").innerHTML.replace(/__prefix__/g, index);
    document.querySelector("#shift-forms tbody").insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
  });
})();
