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
            // The name stays on the map (permanent label); the legend under the map explains it.
            if (props.name) {
              featureLayer.bindTooltip(props.name, { permanent: true, direction: "center", className: "map-label" });
            }
            if (props.url) {
              featureLayer.on("click", function () { window.location.href = props.url; });
            }
          },
        }).addTo(map);
        hideShapes(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
        else map.setView([64.5, 12], 4);
      })
      .catch(function () {
        element.textContent = element.dataset.errorText || "Kartet kunne ikke lastes.";
      });
  }

  // The shapes repeat what the table next to the map says (with links): they are drawing, not
  // controls. Hidden from assistive technology and never focusable, so no unlabelled shape is
  // reached by keyboard; the map itself is one labelled region (its aria-label).
  function hideShapes(map) {
    ["overlayPane", "markerPane", "tooltipPane"].forEach(function (name) {
      var pane = map.getPane(name);
      if (!pane) return;
      pane.setAttribute("aria-hidden", "true");
      pane.querySelectorAll("svg, path, [tabindex]").forEach(function (shape) {
        shape.setAttribute("focusable", "false");
        if (shape.hasAttribute("tabindex")) shape.setAttribute("tabindex", "-1");
      });
    });
  }
  window.samspillHideMapShapes = hideShapes;

  function initAll(root) {
    (root || document).querySelectorAll("[data-layer-url]").forEach(initMap);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
  document.addEventListener("map:init", function (event) { initAll(event.target); });
})();
