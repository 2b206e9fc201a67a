// Land register map: municipal outlines, the searched corridor and the sites found (the same
// sites as the list beside the map). No tile server unless the page names one (LAND_TILE_URL).
// Shapes are drawing, not controls: hidden from assistive technology and never focusable; the
// list is the full alternative. Clicking the map adds a point to the corridor field (search) or
// to the drawn polygon (site form); both fields can be typed by hand as well.
(function () {
  "use strict";

  var styles = {
    outline: { color: "#1e4b7a", weight: 1.2, fillColor: "#4e8fd0", fillOpacity: 0.12 },
    corridor: { color: "#c05621", weight: 1, dashArray: "4 4", fillColor: "#c05621", fillOpacity: 0.15 },
    site: { color: "#2f855a", weight: 2, fillColor: "#2f855a", fillOpacity: 0.6 },
  };

  function initMap(element) {
    if (element.dataset.mapReady || typeof L === "undefined") return;
    element.dataset.mapReady = "1";
    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false, zoomControl: false });
    var norwegian = document.documentElement.lang.indexOf("en") !== 0;
    L.control.zoom(norwegian ? { zoomInTitle: "Zoom inn", zoomOutTitle: "Zoom ut" } : {}).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© Kartverket (CC BY 4.0)");
    if (element.dataset.tileUrl) L.tileLayer(element.dataset.tileUrl, { maxZoom: 18 }).addTo(map);
    fetch(element.dataset.landLayerUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          style: function (feature) { return styles[(feature.properties || {}).role] || styles.site; },
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 6, color: "#2f855a", fillOpacity: 0.8 });
          },
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            if (props.role === "site") {
              featureLayer.bindTooltip(props.name);
              featureLayer.on("click", function () { if (!element.dataset.drawInput) window.location.href = props.url; });
            }
          },
        }).addTo(map);
        if (window.samspillHideMapShapes) window.samspillHideMapShapes(map);
        var sites = L.featureGroup();
        layer.eachLayer(function (item) { if (item.feature.properties.role === "site") sites.addLayer(item); });
        var bounds = sites.getLayers().length ? sites.getBounds() : layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 });
        else map.setView([63.4, 10.4], 9);
      })
      .catch(function () {
        element.textContent = element.dataset.errorText || "Kartet kunne ikke lastes.";
      });
    var input = element.dataset.drawInput ? document.getElementById(element.dataset.drawInput) : null;
    if (!input) return;
    var drawn = [];
    var preview = null;
    map.on("click", function (event) {
      var lat = event.latlng.lat.toFixed(5);
      var lon = event.latlng.lng.toFixed(5);
      if (element.dataset.drawMode === "corridor") {
        input.value = (input.value.trim() ? input.value.trim() + "; " : "") + lat + "," + lon;
      } else {
        drawn.push([parseFloat(lon), parseFloat(lat)]);
        if (drawn.length >= 3) {
          var ring = drawn.concat([drawn[0]]);
          input.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
        }
      }
      if (preview) map.removeLayer(preview);
      preview = L.circleMarker(event.latlng, { radius: 4, color: "#c05621" }).addTo(map);
      if (window.samspillHideMapShapes) window.samspillHideMapShapes(map);
    });
  }

  function initAll(root) {
    (root || document).querySelectorAll("[data-land-layer-url]").forEach(initMap);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
})();
