/*
 * Shows the total of the budget lines while the resident types. The server
 * computes the total again; this is only a help. Amounts are read the Dutch
 * way: "1.250,50" is twelve hundred and fifty euros and fifty cents.
 */
(function () {
  "use strict";

  function parseEuro(text) {
    var cleaned = text.replace(/[€\s\u00a0]/g, "").replace(/,-$/, "");
    if (cleaned === "") {
      return 0;
    }
    if (cleaned.indexOf(",") !== -1) {
      cleaned = cleaned.replace(/\./g, "").replace(",", ".");
    } else if (/^\d{1,3}(\.\d{3})+$/.test(cleaned)) {
      cleaned = cleaned.replace(/\./g, "");
    }
    var value = Number(cleaned);
    return isFinite(value) ? value : NaN;
  }

  function formatEuro(value) {
    return "€\u00a0" + value.toLocaleString("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function init() {
    var section = document.querySelector("[data-budget]");
    var output = document.querySelector("[data-budget-total]");
    if (!section || !output) {
      return;
    }
    function update() {
      var total = 0;
      var valid = true;
      section.querySelectorAll("input[name^='lines-'][name$='-amount']").forEach(function (input) {
        var value = parseEuro(input.value);
        if (isNaN(value)) {
          valid = false;
        } else {
          total += value;
        }
      });
      output.textContent = valid ? formatEuro(total) : "—";
    }
    section.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
