// Progressive enhancement only: the site works without JavaScript.
(function () {
  document.documentElement.classList.add("js");
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (!toggle || !nav) return;
  var narrow = window.matchMedia("(max-width: 40rem)");
  function collapse(collapsed) {
    nav.setAttribute("data-collapsed", collapsed ? "true" : "false");
    toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
  }
  collapse(narrow.matches);
  toggle.addEventListener("click", function () {
    collapse(nav.getAttribute("data-collapsed") !== "true");
  });
  narrow.addEventListener("change", function (event) { collapse(event.matches); });
})();
