"""Innovation-challenge pages, one module per family; urls.py imports from the modules."""
