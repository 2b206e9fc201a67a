// Configuration-driven charts: <canvas data-chart="ID"> reads {{ spec|json_script:ID }}.
// Every chart has its numbers in an accessible table beside it; the canvas is decorative (aria-hidden).
(function () {
  "use strict";

  function initChart(canvas) {
    if (canvas.dataset.chartReady || typeof Chart === "undefined") return;
    var specElement = document.getElementById(canvas.dataset.chart);
    if (!specElement) return;
    canvas.dataset.chartReady = "1";
    var spec = JSON.parse(specElement.textContent);
    var palette = ["#1e4b7a", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#2c7a7b", "#9b2c2c", "#4a5568"];
    spec.data.datasets.forEach(function (dataset, index) {
      dataset.borderColor = dataset.borderColor || palette[index % palette.length];
      dataset.backgroundColor = dataset.backgroundColor || palette[index % palette.length];
    });
    spec.options = Object.assign({ responsive: true, animation: false, maintainAspectRatio: true }, spec.options || {});
    new Chart(canvas, spec);
  }

  function initAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(initChart);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
})();
