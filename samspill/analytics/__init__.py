"""Pure regional-economics analytics for Samspill (no Django, no I/O).

Growth, shift-share, specialisation, industry types and commuting indicators work on tidy
pandas frames whose column names are the constants in `samspill.analytics.columns`.
Formulas and references: docs/analytics.md.
"""
