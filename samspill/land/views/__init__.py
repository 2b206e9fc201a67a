"""Pages of the land register, one module per family; urls.py imports from the modules."""
