// The shared form component (templates/components/_error_summary.html): after a failed submit the
// error summary takes focus, also when htmx swapped the form in; its links move focus to the
// field and bring the field's label (or the legend of a checkbox list) into view.
(function () {
  "use strict";

  function focusSummary(root) {
    if (!root || !root.querySelector) { return; }
    var summary = root.matches && root.matches("[data-error-summary]") ? root : root.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  function labelFor(input) {
    var fieldset = input.closest("fieldset.choice-list");
    if (fieldset) { return fieldset.querySelector("legend"); }
    return input.id ? document.querySelector("label[for='" + CSS.escape(input.id) + "']") : null;
  }

  document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  document.addEventListener("htmx:afterSettle", function (event) { focusSummary(event.target); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-error-summary] a[href^='#']") : null;
    if (!link) { return; }
    var input = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!input) { return; }
    event.preventDefault();
    var label = labelFor(input);
    (label || input).scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
  });
})();
