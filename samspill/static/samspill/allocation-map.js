// New-jobs allocation map: each municipality that gets some of the new jobs (or residents) is
// coloured by its share class (property `class`, 0–5, set by the server), a sequential scale
// whose legend is in the page; the municipality with the new jobs has a thick outline. The same
// numbers are in the table beside the map. Loaded only on the new-jobs page.
(function () {
  "use strict";

  var scale = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  function initMap(element) {
    if (element.dataset.mapReady || typeof L === "undefined") return;
    element.dataset.mapReady = "1";
    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false, zoomControl: false });
    var norwegian = document.documentElement.lang.indexOf("en") !== 0;
    L.control.zoom(norwegian ? { zoomInTitle: "Zoom inn", zoomOutTitle: "Zoom ut" } : {}).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© Kartverket (CC BY 4.0)");
    fetch(element.dataset.allocationLayerUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          style: function (feature) {
            var props = feature.properties || {};
            return {
              color: props.origin ? "#1a202c" : "#ffffff",
              weight: props.origin ? 2.5 : 0.6,
              fillColor: scale[props["class"]] || scale[0],
              fillOpacity: 0.85,
            };
          },
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            featureLayer.bindTooltip(props.number + " " + props.name + ": " + props.allocated);
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
    (root || document).querySelectorAll("[data-allocation-layer-url]").forEach(initMap);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
})();
