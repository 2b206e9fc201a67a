// Labour-market-region map: like maps.js, but each feature is coloured by its `group` property
// (the region number), so neighbouring municipalities of one region share a colour. Loaded only
// on the labour-market-region page; the same regions are listed in the table beside the map.
(function () {
  "use strict";

  var palette = ["#1e4b7a", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#2c7a7b", "#9b2c2c",
    "#4a5568", "#d53f8c", "#3182ce", "#38a169", "#dd6b20", "#805ad5", "#319795", "#e53e3e"];

  // Keep in step with presenters.lma_colour_index and the .lma-swatch--N classes in samspill.css.
  function colour(group) {
    if (!group) return "#cbd5e0";
    return palette[(group * 7) % palette.length];
  }

  function initMap(element) {
    if (element.dataset.mapReady || typeof L === "undefined") return;
    element.dataset.mapReady = "1";
    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false, zoomControl: false });
    // Leaflet names its zoom buttons in English; Norwegian pages get Norwegian names (WCAG 3.1.2).
    var norwegian = document.documentElement.lang.indexOf("en") !== 0;
    L.control.zoom(norwegian ? { zoomInTitle: "Zoom inn", zoomOutTitle: "Zoom ut" } : {}).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© Kartverket (CC BY 4.0)");
    fetch(element.dataset.groupLayerUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          style: function (feature) {
            var props = feature.properties || {};
            // The municipality the page searched for (data-highlight) gets a thick black outline.
            if (element.dataset.highlight && props.number === element.dataset.highlight) {
              return { color: "#000000", weight: 3, fillColor: colour(props.group), fillOpacity: 0.9 };
            }
            return { color: "#ffffff", weight: 0.6, fillColor: colour(props.group), fillOpacity: 0.75 };
          },
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            var label = props.number + " " + props.name + (props.group_name ? " – " + props.group_name : "");
            featureLayer.bindTooltip(label);
          },
        }).addTo(map);
        if (window.samspillHideMapShapes) window.samspillHideMapShapes(map);
        var bounds = layer.getBounds();
        // A searched municipality: zoom to its region (the members share its group number).
        var found = null;
        layer.eachLayer(function (item) {
          if (item.feature.properties.number === element.dataset.highlight) found = item;
        });
        if (found) {
          var group = found.feature.properties.group;
          var region = L.featureGroup();
          layer.eachLayer(function (item) { if (item.feature.properties.group === group) region.addLayer(item); });
          if (group && region.getBounds().isValid()) bounds = region.getBounds();
          found.bringToFront();
        }
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
        else map.setView([64.5, 12], 4);
      })
      .catch(function () {
        element.textContent = element.dataset.errorText || "Kartet kunne ikke lastes.";
      });
  }

  function initAll(root) {
    (root || document).querySelectorAll("[data-group-layer-url]").forEach(initMap);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
})();
