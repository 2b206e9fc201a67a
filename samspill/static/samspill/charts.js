// Configuration-driven charts: <canvas data-chart="ID"> reads {{ spec|json_script:ID }}, built by
// samspill.core.charts. Numbers and dates are written for the page's language (<html lang>) with
// Intl, rounding half away from zero like samspill.core.numbers. Years and dates lie on a true
// (linear) time axis. Every chart has its numbers in an accessible table beside it; the canvas is
// decorative (aria-hidden).
(function () {
  "use strict";

  var LOCALES = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

  function locale() {
    var lang = (document.documentElement.lang || "nb").split("-")[0];
    return LOCALES[lang] || "nb-NO";
  }

  function numberFormat(decimals) {
    return new Intl.NumberFormat(locale(), {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      roundingMode: "halfExpand",
    });
  }

  function xLabel(kind) {
    if (kind === "year") return function (value) { return String(Math.round(value)); };
    if (kind === "date") {
      var dates = new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", year: "numeric" });
      return function (value) { return dates.format(new Date(value)); };
    }
    return null;
  }

  function configure(spec) {
    var extra = spec.samspill || { x: "category", decimals: 0 };
    var values = numberFormat(extra.decimals || 0);
    var ticks = new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 });
    var label = xLabel(extra.x);
    spec.options = Object.assign({ responsive: true, animation: false, maintainAspectRatio: true }, spec.options || {});
    spec.options.locale = locale();
    var scales = spec.options.scales = spec.options.scales || {};
    if (extra.pyramid) {
      // A population pyramid: the value axis is horizontal and the left side is negative only
      // to be drawn there; ticks and tooltips show the size without the sign.
      scales.x = scales.x || {};
      scales.x.ticks = { callback: function (value) { return ticks.format(Math.abs(value)); } };
      spec.options.maintainAspectRatio = true;
      spec.options.plugins = Object.assign({}, spec.options.plugins);
      spec.options.plugins.tooltip = {
        callbacks: {
          label: function (item) {
            var x = item.parsed.x;
            return item.dataset.label + ": " + (x === null || x === undefined ? "–" : values.format(Math.abs(x)));
          },
        },
      };
      delete spec.samspill;
      return spec;
    }
    scales.y = scales.y || {};
    scales.y.ticks = Object.assign({ callback: function (value) { return ticks.format(value); } }, scales.y.ticks || {});
    if (label) {
      scales.x = scales.x || { type: "linear" };
      scales.x.ticks = Object.assign({ callback: label }, extra.x === "year" ? { stepSize: 1 } : {}, scales.x.ticks || {});
    }
    spec.options.plugins = Object.assign({}, spec.options.plugins);
    spec.options.plugins.tooltip = {
      callbacks: {
        title: function (items) {
          if (!items.length) return "";
          return label ? label(items[0].parsed.x) : items[0].label;
        },
        label: function (item) {
          var y = item.parsed.y;
          return item.dataset.label + ": " + (y === null || y === undefined ? "–" : values.format(y));
        },
      },
    };
    delete spec.samspill;
    return spec;
  }

  function initChart(canvas) {
    if (canvas.dataset.chartReady || typeof Chart === "undefined") return;
    var specElement = document.getElementById(canvas.dataset.chart);
    if (!specElement) return;
    canvas.dataset.chartReady = "1";
    var spec = JSON.parse(specElement.textContent);
    var palette = ["#1e4b7a", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#2c7a7b", "#9b2c2c", "#4a5568"];
    spec.data.datasets.forEach(function (dataset, index) {
      var colour = palette[index % palette.length];
      if (dataset.reference) {
        // A reference (Norway beside the area): outlined, so the area's own bars stand out.
        colour = palette[(index - 2) % palette.length];
        dataset.borderWidth = dataset.borderWidth || 1;
        dataset.backgroundColor = dataset.backgroundColor || "rgba(255, 255, 255, 0)";
      }
      dataset.borderColor = dataset.borderColor || colour;
      dataset.backgroundColor = dataset.backgroundColor || colour;
      delete dataset.reference;
    });
    new Chart(canvas, configure(spec));
  }

  function initAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(initChart);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
})();
