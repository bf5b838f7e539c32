// The phone menu: below a desk's width the navigation folds behind the
// menu button. Without this script the button stays hidden and the bar
// simply wraps, everything shown.
(function () {
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) return;
  document.documentElement.classList.add("has-menu");
  button.hidden = false;
  function show(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }
  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && menu.classList.contains("open")) {
      show(false);
      button.focus();
    }
  });
})();
