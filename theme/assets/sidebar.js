/* The navigation sidebar keeps its first entries in view.
 *
 * Material scrolls the sidebar so that the active entry sits in its middle. On our short
 * navigation that scroll is rarely needed, and it slid 首页 and the entries after it under the
 * sticky site label even when the active entry was in view without scrolling. Here: when the
 * active entry fits without scrolling, the sidebar stays at its top; when it does not, Material's
 * scroll (the active entry in the middle, clear of the footer) stands. Only scrolls made before
 * the visitor touches the page are corrected (Material's comes after load, when it chooses).
 */
(function () {
  "use strict";
  var touched = false;
  ["wheel", "touchstart", "keydown", "pointerdown"].forEach(function (type) {
    window.addEventListener(type, function () { touched = true; }, { capture: true, passive: true, once: true });
  });

  function fitsAtTop(wrap, active) {
    var top = active.getBoundingClientRect().top - wrap.getBoundingClientRect().top + wrap.scrollTop;
    return top + active.offsetHeight <= wrap.clientHeight;
  }

  function settle(wrap) {
    if (touched || wrap.scrollTop === 0) { return; }
    var active = wrap.querySelector(".md-nav__link--active");
    if (active && active.offsetHeight && fitsAtTop(wrap, active)) { wrap.scrollTop = 0; }
  }

  function wire() {
    var wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
    if (!wrap) { return; }
    wrap.addEventListener("scroll", function () { settle(wrap); }, { passive: true });
    settle(wrap);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
