"""Our overrides of Django's per-language formats (FORMAT_MODULE_PATH); keys not set here come from Django."""
