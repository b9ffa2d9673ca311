/* The navigation sidebar keeps its first entries in view.
 *
 * Material scrolls the sidebar so that the active entry sits in its middle. On our short
 * navigation that scroll is rarely needed, and it slid 首页 and the entries after it under the
 * sticky site label even when the active entry was in view without scrolling. Here: when the
 * active entry fits without scrolling, the sidebar stays at its top; when it does not, it is
 * scrolled just far enough to show it below the label. Only scrolls made before the visitor
 * touches the page are corrected (Material's scroll comes after load, at a time of its choosing).
 */
(function () {
  "use strict";
  var touched = false;
  ["wheel", "touchstart", "keydown", "pointerdown"].forEach(function (type) {
    window.addEventListener(type, function () { touched = true; }, { capture: true, passive: true, once: true });
  });

  function wanted(wrap, active) {
    var label = wrap.querySelector(".md-nav--primary > .md-nav__title");
    var covered = label ? label.offsetHeight : 0;
    var top = active.getBoundingClientRect().top - wrap.getBoundingClientRect().top + wrap.scrollTop;
    var bottom = top + active.offsetHeight;
    if (bottom <= wrap.clientHeight) { return 0; }
    return Math.max(0, bottom - wrap.clientHeight + active.offsetHeight);
  }

  function settle(wrap) {
    if (touched) { return; }
    var active = wrap.querySelector(".md-nav__link--active");
    if (!active || !active.offsetHeight) { return; }
    var top = wanted(wrap, active);
    if (Math.abs(wrap.scrollTop - top) > 1) { wrap.scrollTop = top; }
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
