/*
 * Progressive enhancement for invalid forms: move focus to the error summary
 * when the page loads, so that screen reader and keyboard users hear what went
 * wrong first; and make its links focus the field itself (not only scroll).
 * Without JavaScript the summary and its links still work as plain HTML.
 */
(function () {
  "use strict";

  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
