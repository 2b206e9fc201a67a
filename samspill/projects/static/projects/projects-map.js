// Projects register maps: the register layer (municipal outlines + projects) and the drawing map of
// the project form (click to add vertices; the GeoJSON textarea stays the keyboard alternative).
// No tiles (closed municipal networks); shapes are hidden from assistive technology like maps.js.
(function () {
  "use strict";

  var OUTLINE = { color: "#1e4b7a", weight: 1.5, fillColor: "#4e8fd0", fillOpacity: 0.25 };
  var PROJECT = { color: "#c05621", weight: 4, fillColor: "#c05621", fillOpacity: 0.45 };

  function baseMap(element) {
    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false, zoomControl: false });
    var norwegian = document.documentElement.lang.indexOf("en") !== 0;
    L.control.zoom(norwegian ? { zoomInTitle: "Zoom inn", zoomOutTitle: "Zoom ut" } : {}).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© Kartverket (CC BY 4.0)");
    return map;
  }

  function hide(map) {
    if (window.samspillHideMapShapes) window.samspillHideMapShapes(map);
  }

  function drawCollection(map, collection) {
    return L.geoJSON(collection, {
      style: function (feature) {
        return feature.properties && feature.properties.layer === "project" ? PROJECT : OUTLINE;
      },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7, color: "#222", weight: 1, fillColor: "#c05621", fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, layer) {
        var props = feature.properties || {};
        if (props.layer === "municipality" && props.name) {
          layer.bindTooltip(props.name, { permanent: true, direction: "center", className: "map-label" });
        }
        if (props.layer === "project" && props.url) {
          layer.on("click", function () { window.location.href = props.url; });
        }
      },
    }).addTo(map);
  }

  function fail(element) {
    element.textContent = element.dataset.errorText || "Kartet kunne ikke lastes.";
  }

  function show(map, collection) {
    var layer = drawCollection(map, collection);
    hide(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
    else map.setView([63.4, 10.6], 8);
  }

  // The corridor page: the collection is in the page; a click adds "lat,lon" to the line field.
  function initInline(element, map) {
    var script = document.getElementById(element.dataset.collection);
    if (script) show(map, JSON.parse(script.textContent));
    else map.setView([63.4, 10.6], 8);
    var input = document.getElementById(element.dataset.drawInput || "");
    if (!input) return;
    map.on("click", function (event) {
      var point = event.latlng.lat.toFixed(5) + "," + event.latlng.lng.toFixed(5);
      input.value = input.value.trim() ? input.value.trim().replace(/;$/, "") + "; " + point : point;
      L.circleMarker(event.latlng, { radius: 4, color: "#1e4b7a" }).addTo(map);
    });
  }

  function initLayer(element) {
    if (element.dataset.mapReady || typeof L === "undefined") return;
    element.dataset.mapReady = "1";
    var map = baseMap(element);
    if (element.dataset.collection) { initInline(element, map); return; }
    fetch(element.dataset.projectsLayer, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = drawCollection(map, collection);
        hide(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
        else map.setView([63.4, 10.6], 8);
      })
      .catch(function () { fail(element); });
  }

  function initDraw(element) {
    if (element.dataset.mapReady || typeof L === "undefined") return;
    var textarea = document.getElementById(element.dataset.drawTarget);
    var tools = document.querySelector("[data-draw-tools]");
    if (!textarea || !tools) return;
    element.dataset.mapReady = "1";
    tools.hidden = false;
    var status = tools.querySelector("[data-draw-status]");
    var map = baseMap(element);
    var mode = null;
    var points = [];
    var drawn = null;

    function geometry() {
      if (!points.length) return null;
      var coords = points.map(function (p) { return [Math.round(p.lng * 1e6) / 1e6, Math.round(p.lat * 1e6) / 1e6]; });
      if (mode === "Point") return { type: "Point", coordinates: coords[coords.length - 1] };
      if (mode === "LineString") return coords.length >= 2 ? { type: "LineString", coordinates: coords } : null;
      if (mode === "Polygon") return coords.length >= 3 ? { type: "Polygon", coordinates: [coords.concat([coords[0]])] } : null;
      return null;
    }

    function redraw() {
      if (drawn) map.removeLayer(drawn);
      drawn = null;
      var shape = geometry();
      if (shape) {
        drawn = drawCollection(map, { type: "Feature", geometry: shape, properties: { layer: "project" } });
        textarea.value = JSON.stringify(shape);
      }
      if (status) status.textContent = points.length + " " + (points.length === 1 ? "punkt" : "punkter");
      hide(map);
    }

    tools.querySelectorAll("[data-draw-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        mode = button.dataset.drawMode;
        points = mode === "Point" ? points.slice(-1) : points;
        tools.querySelectorAll("[data-draw-mode]").forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
        redraw();
      });
      button.setAttribute("aria-pressed", "false");
    });
    tools.querySelector("[data-draw-undo]").addEventListener("click", function () { points.pop(); redraw(); });
    tools.querySelector("[data-draw-clear]").addEventListener("click", function () {
      points = [];
      textarea.value = "";
      redraw();
    });
    map.on("click", function (event) {
      if (!mode) return;
      if (mode === "Point") points = [];
      points.push(event.latlng);
      redraw();
    });

    fetch(element.dataset.outlines, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = drawCollection(map, collection);
        var existing = null;
        try { existing = textarea.value.trim() ? JSON.parse(textarea.value) : null; } catch (e) { existing = null; }
        if (existing && existing.type) drawCollection(map, { type: "Feature", geometry: existing, properties: { layer: "project" } });
        hide(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
        else map.setView([63.4, 10.6], 8);
      })
      .catch(function () { fail(element); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-projects-layer]").forEach(initLayer);
    document.querySelectorAll("[data-draw-target]").forEach(initDraw);
  });
})();
