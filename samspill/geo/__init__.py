"""Pure GeoJSON helpers: validation, area, centroid and FeatureCollection building (no Django)."""
