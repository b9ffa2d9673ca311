/* 长者模式 (elderly mode): larger type and high contrast, remembered across pages.
 *
 * Loaded synchronously in <head>, so the class is on <html> before first paint (no flash
 * of small text). A file rather than inline script: the site's Content-Security-Policy
 * allows scripts from 'self' only. No pop-ups, no cookies; without JavaScript the toggle
 * stays hidden and the page reads well at its default size.
 * ?elderly=1 / ?elderly=0 in a URL switches the mode too (for a portal's 长者模式 link).
 */
(function () {
  "use strict";
  var KEY = "xxgk.elderly";
  var root = document.documentElement;

  function load() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function save(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "1"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage disabled: the mode lasts for this page only */ }
  }
  function apply(on) {
    if (on) { root.classList.add("elderly"); } else { root.classList.remove("elderly"); }
  }

  var asked = /[?&]elderly=([01])(?:&|$)/.exec(window.location.search);
  if (asked) { save(asked[1] === "1"); }
  var on = load();
  apply(on);

  function wire() {
    var buttons = document.querySelectorAll("[data-elderly-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.hidden = false;
      button.addEventListener("click", function () {
        on = !on;
        save(on);
        apply(on);
        for (var j = 0; j < buttons.length; j++) {
          buttons[j].setAttribute("aria-pressed", on ? "true" : "false");
        }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
