"""Pure parsers of the analyses app (no Django): files in, frozen rows out."""
