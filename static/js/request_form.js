// Shows only the fields of the chosen request type; without JavaScript every group stays visible.
(function () {
  var form = document.querySelector(".request-form");
  if (!form) return;
  var radios = form.querySelectorAll('input[name="request_type"]');
  var groups = form.querySelectorAll("[data-request-type]");
  function update() {
    var checked = form.querySelector('input[name="request_type"]:checked');
    var current = checked ? checked.value : "";
    groups.forEach(function (group) {
      group.hidden = group.getAttribute("data-request-type") !== current;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
  var summary = document.getElementById("form-errors");
  if (summary) summary.focus();
  // One submit per page: a double click must not send twice (the server also checks).
  form.addEventListener("submit", function () {
    var button = form.querySelector('button[type="submit"]');
    if (button) { setTimeout(function () { button.disabled = true; }, 0); }
  });
})();
