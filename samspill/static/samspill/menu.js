// The main menu on phones: under 40rem the links fold behind a menu button (a real <button> with
// aria-expanded and aria-controls). Progressive enhancement: without this script the button stays
// hidden (samspill.css) and the links show; the CSS only folds the menu once this script runs.
(function () {
  "use strict";

  function init() {
    var header = document.querySelector(".site-header");
    var button = header && header.querySelector(".site-menu-button");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;

    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.dataset.menu = open ? "open" : "closed";
    }

    header.classList.add("site-header--js");
    set(false);
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu and returns focus to its button.
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        if (window.getComputedStyle(button).display !== "none") button.focus();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
