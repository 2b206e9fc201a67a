"""Pure parsers for municipality lists, reform correspondences, boundaries and region definitions."""
