// Configuration-driven commuting maps: <div data-flows="ID"> reads {{ spec|json_script:ID }}
// ({lines: [{from: [lat, lon], to: [lat, lon], value, label, inside}], points: [{at, label, member}]}).
// The same flows are in a table beside the map. No tile server (closed municipal networks).
(function () {
  "use strict";

  function initFlowMap(element) {
    if (element.dataset.mapReady || typeof L === "undefined") return;
    var specElement = document.getElementById(element.dataset.flows);
    if (!specElement) return;
    element.dataset.mapReady = "1";
    var spec = JSON.parse(specElement.textContent);
    // No fade: a name moved to another place is removed at once, not left 200 ms at opacity 0 on
    // top of its neighbour (placeLabels measures names while it places them).
    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false, zoomControl: false, fadeAnimation: false });
    // Leaflet names its zoom buttons in English; Norwegian pages get Norwegian names (WCAG 3.1.2).
    var norwegian = document.documentElement.lang.indexOf("en") !== 0;
    L.control.zoom(norwegian ? { zoomInTitle: "Zoom inn", zoomOutTitle: "Zoom ut" } : {}).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(element.dataset.attribution || "Statistisk sentralbyrå; © Kartverket (CC BY 4.0)");
    var group = L.featureGroup().addTo(map);
    var largest = Math.max.apply(null, spec.lines.map(function (line) { return line.value; }).concat([1]));
    spec.lines.forEach(function (line) {
      L.polyline([line.from, line.to], {
        color: line.inside ? "#1e4b7a" : "#c05621",
        weight: 1 + 9 * Math.sqrt(line.value / largest),
        opacity: 0.75,
      }).bindTooltip(line.label).addTo(group);
    });
    var labelled = spec.points.map(function (point) {
      // Municipal names stay on the map ("5001 Trondheim" -> "Trondheim"); the legend explains them.
      var name = String(point.label).replace(/^\d{4}\s+/, "");
      var marker = L.circleMarker(point.at, { radius: point.member ? 5 : 3, color: "#222", weight: 1, fillOpacity: 0.9 })
        .addTo(group);
      // A place's weight: the commuters on the drawn lines that start or end there.
      var weight = spec.lines.reduce(function (sum, line) {
        var touches = [line.from, line.to].some(function (end) { return end[0] === point.at[0] && end[1] === point.at[1]; });
        return sum + (touches ? line.value : 0);
      }, 0);
      return { marker: marker, name: name, member: !!point.member, weight: weight };
    });
    if (element.dataset.outlineUrl) {
      fetch(element.dataset.outlineUrl, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.json(); })
        .then(function (collection) {
          L.geoJSON(collection, { interactive: false, style: function () { return { color: "#4e8fd0", weight: 1, fillOpacity: 0.1 }; } })
            .addTo(map).bringToBack();
          if (window.samspillHideMapShapes) window.samspillHideMapShapes(map);
        })
        .catch(function () { /* the flows are still shown */ });
    }
    if (window.samspillHideMapShapes) window.samspillHideMapShapes(map);
    var bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
    else map.setView([64.5, 12], 4);
    placeLabels(labelled);
    map.on("zoomend resize", function () { placeLabels(labelled); });
    // Names are measured in the page's own font: once it has loaded, they are placed again (a name
    // placed in the fallback font is narrower and may overlap its neighbour in the real one).
    var placed = function () { placeLabels(labelled); element.dataset.labelsPlaced = "1"; };
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(placed);
    else placed();
  }

  // Label collision avoidance (around Trondheim the members lie close together): members first,
  // each group by the commuters on its lines (the centre first), then by name; each name tries
  // right, left, above and below its point and
  // takes the first place that overlaps no name already placed. A name with no free place is
  // shown on hover and focus only (every name is also in the table beside the map).
  var PLACES = [
    { direction: "right", offset: [4, 0] },
    { direction: "left", offset: [-4, 0] },
    { direction: "top", offset: [0, -4] },
    { direction: "bottom", offset: [0, 4] },
  ];

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function placeLabels(labelled) {
    var order = labelled.slice().sort(function (a, b) {
      return (b.member - a.member) || (b.weight - a.weight) || a.name.localeCompare(b.name);
    });
    order.forEach(function (item) { item.marker.unbindTooltip(); });
    var taken = [];
    order.forEach(function (item) {
      for (var i = 0; i < PLACES.length; i++) {
        item.marker.bindTooltip(item.name, {
          permanent: true, direction: PLACES[i].direction, offset: PLACES[i].offset, className: "map-label",
        }).openTooltip();
        var element = item.marker.getTooltip().getElement();
        var box = element ? element.getBoundingClientRect() : null;
        if (!box || !taken.some(function (other) { return overlaps(box, other); })) {
          if (box) {
            taken.push(box);
            element.dataset.labelPlace = PLACES[i].direction;
          }
          return;
        }
        item.marker.unbindTooltip();
      }
      item.marker.bindTooltip(item.name, { direction: "right", offset: [4, 0], className: "map-label" });
    });
  }

  function initAll(root) {
    (root || document).querySelectorAll("[data-flows]").forEach(initFlowMap);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { initAll(event.target); });
})();
