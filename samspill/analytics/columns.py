"""Column names shared by the analytics functions, their docstrings and the ORM boundary.

The boundary module (`stats/frames.py`) builds frames with these names; every analytics
function documents which of them it reads. Units: employment and commuting counts are
persons (or jobs), years are calendar years (int).
"""

from typing import Final

AREA: Final = "area"
"""Code of an area (municipality, county, region, nation) in growth series."""
REGION: Final = "region"
"""Code of the region analysed in shift-share and specialisation frames."""
INDUSTRY: Final = "industry"
"""Industry code (e.g. an SN2007 / NACE rev. 2 division such as ``"10"`` or a section letter)."""
YEAR: Final = "year"
"""Reference year (int)."""
VALUE: Final = "value"
"""Value of a growth series (any non-negative quantity: persons, jobs, NOK)."""
EMPLOYMENT: Final = "employment"
"""Employed persons or jobs (count, float64)."""
RESIDENCE: Final = "residence"
"""Municipality (or unit) of residence of a commuting flow."""
WORKPLACE: Final = "workplace"
"""Municipality (or unit) of work of a commuting flow."""
EMPLOYED: Final = "employed"
"""Employed persons living in `residence` and working in `workplace` (count)."""
INDUSTRY_TYPE: Final = "industry_type"
"""Telemarksforsking industry type: basic, visitor, regional or local."""
