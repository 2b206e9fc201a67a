"""Pure parsers for SSB tables: CSV exports and JSON-stat. No Django, no database."""
