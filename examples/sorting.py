"""Swedish alphabetical order, independent of the database's collation."""

SWEDISH_LAST_LETTERS = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e"})


def swedish_sort_key(name: str) -> str:
    """Å, Ä and Ö after Z, as in Swedish, whichever collation the database uses."""
    return name.lower().translate(SWEDISH_LAST_LETTERS)
