"""Norwegian organisation numbers (organisasjonsnummer): pure checks, no Django."""

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def normalise_organisation_number(value: str) -> str:
    """Strip the spaces, dots and dashes people type ("974 760 673" → "974760673")."""
    return "".join(ch for ch in value if ch not in " .-\u00a0\u202f")


def organisation_number_check_digit(first_eight: str) -> int | None:
    """The mod-11 check digit for eight digits, or None when no valid number can end them."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_organisation_number(value: str) -> bool:
    """True for nine digits whose last one is the mod-11 check digit (weights 3,2,7,6,5,4,3,2)."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    return organisation_number_check_digit(value[:8]) == int(value[8])
