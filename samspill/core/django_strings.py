"""Django's own texts that our catalogues correct.

Django's translations come with Django; where one is wrong for us (a bokmål word in its nynorsk
catalogue), the msgid is listed here so that `make messages` keeps it in our catalogues, whose
translations take precedence (LOCALE_PATHS comes before Django's own). Nothing imports this module.
"""

from django.utils.translation import gettext_noop

CORRECTED = [
    # nn: Django has "det samme passordet"; nynorsk is "det same passordet".
    gettext_noop("Enter the same password as before, for verification."),
]
