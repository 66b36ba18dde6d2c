// Keeps a status region up to date while work runs elsewhere (an export being written).
// Without JavaScript the page has a "Ververs" link; with it, only the region's content is
// replaced every few seconds, so the page never reloads under the reader (WCAG 2.2.1 and
// 3.2.5: no refresh of the page, no change of context) and focus stays where it was.
(function () {
  "use strict";
  var region = document.querySelector("[data-renew-status]");
  if (!region || !window.fetch || !window.DOMParser) return;
  var seconds = parseInt(region.getAttribute("data-renew-status"), 10) || 2;
  var manual = region.querySelector("[data-renew-manual]");
  if (manual) manual.hidden = true;

  function finished(element) {
    var status = element.getAttribute("data-status");
    return status === "done" || status === "failed";
  }

  function renew() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        // Found by its id: once the work is done, the fresh region no longer asks to renew.
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(region.id);
        if (!fresh) return;
        region.innerHTML = fresh.innerHTML;
        region.setAttribute("data-status", fresh.getAttribute("data-status"));
        var again = region.querySelector("[data-renew-manual]");
        if (again) again.hidden = true;
        if (!finished(region)) window.setTimeout(renew, seconds * 1000);
      })
      .catch(function () {
        // The network or the server failed: show the manual link again, try no further.
        var link = region.querySelector("[data-renew-manual]");
        if (link) link.hidden = false;
      });
  }

  if (!finished(region)) window.setTimeout(renew, seconds * 1000);
})();
