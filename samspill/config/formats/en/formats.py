"""English pages show dates day-month-year ("3 Dec 2026"), never the US month/day ("12/03/2026").

Readers of the English interface are Norwegian users and partners abroad; a numeric US date is
misread by both. Numbers keep the English grouping (345,000 and 95.5). Bokmål and nynorsk use
Django's own formats (3. desember 2026, 03.12.2026, 345 000, 95,5).
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d"]
FIRST_DAY_OF_WEEK = 1  # Monday
