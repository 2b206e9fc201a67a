// Configuration-driven Leaflet maps: every element with data-layer-url becomes a map of that layer.
// No tile server: municipal networks are closed, so maps show Kartverket outlines only.
(function () {
  "use strict";

  function initMap(element) {
    if (element.dataset.mapReady || typeof L === "undefined") return;
    element.dataset.mapReady = "1";
    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false, zoomControl: false });
    // Leaflet names its zoom buttons in English; Norwegian pages get Norwegian names (WCAG 3.1.2).
    var norwegian = document.documentElement.lang.indexOf("en") !== 0;
    L.control.zoom(norwegian ? { zoomInTitle: "Zoom inn", zoomOutTitle: "Zoom ut" } : {}).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(element.dataset.attribution || "© Kartverket (CC BY 4.0)");
    fetch(element.dataset.layerUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          style: function () { return { color: "#1e4b7a", weight: 1.5, fillColor: "#4e8fd0", fillOpacity: 0.35 }; },
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            var label = (props.number ? props.number + " " : "") + (props.name || "");
            featureLayer.bindTooltip(label);
            if (props.url) {
              featureLayer.on("click", function () { window.location.href = props.url; });
            }
          },
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
        else map.setView([64.5, 12], 4);
      })
      .catch(function () {
        element.textContent = element.dataset.errorText || "Kartet kunne ikke lastes.";
      });
  }

  function initAll(root) {
    (root || document).querySelectorAll("[data-layer-url]").forEach(initMap);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
  document.addEventListener("map:init", function (event) { initAll(event.target); });
})();
