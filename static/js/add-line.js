/*
 * "Regel toevoegen" without a round trip: copies the last budget line, empty, with the next
 * number, and moves the focus into it. Without this script the button is a submit button
 * and the server adds the line (ProposalFormView, decision 0025); the server reads the
 * lines from TOTAL_FORMS either way.
 */
(function () {
  "use strict";

  function renumber(element, from, to) {
    var pattern = new RegExp("(lines[-_])" + from + "(?=[-_])", "g");
    ["name", "id", "for", "aria-describedby", "href"].forEach(function (attribute) {
      var value = element.getAttribute(attribute);
      if (value) {
        element.setAttribute(attribute, value.replace(pattern, "$1" + to));
      }
    });
  }

  function init() {
    var button = document.querySelector("[data-add-line]");
    var total = document.querySelector("input[name='lines-TOTAL_FORMS']");
    var most = document.querySelector("input[name='lines-MAX_NUM_FORMS']");
    if (!button || !total) {
      return;
    }
    button.addEventListener("click", function (event) {
      var lines = document.querySelectorAll("[data-budget] .hoogeveen-line");
      var last = lines[lines.length - 1];
      var count = Number(total.value);
      if (!last || isNaN(count)) {
        return; // let the server add it
      }
      event.preventDefault();
      var line = last.cloneNode(true);
      [line].concat(Array.prototype.slice.call(line.querySelectorAll("*"))).forEach(function (el) {
        renumber(el, count - 1, count);
      });
      line.querySelectorAll(".utrecht-form-field-error-message").forEach(function (el) {
        el.remove();
      });
      line.querySelectorAll(".utrecht-form-field--invalid").forEach(function (el) {
        el.classList.remove("utrecht-form-field--invalid");
      });
      line.querySelectorAll("input").forEach(function (input) {
        input.value = "";
        input.removeAttribute("aria-invalid");
        var described = (input.getAttribute("aria-describedby") || "")
          .split(" ")
          .filter(function (id) { return id && !/_error$/.test(id); })
          .join(" ");
        if (described) {
          input.setAttribute("aria-describedby", described);
        } else {
          input.removeAttribute("aria-describedby");
        }
        input.classList.remove("utrecht-textbox--invalid");
      });
      var label = line.getAttribute("aria-label");
      if (label) {
        line.setAttribute("aria-label", label.replace(/\d+$/, String(count + 1)));
      }
      last.after(line);
      total.value = String(count + 1);
      if (most && count + 1 >= Number(most.value)) {
        button.hidden = true;
      }
      var first = line.querySelector("input");
      if (first) {
        first.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
