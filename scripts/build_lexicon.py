"""Derive the decompounder's word lists in search/data/ from the Swedish Hunspell dictionary.

Usage: python scripts/build_lexicon.py PATH/TO/sv_SE.dic PATH/TO/sv_SE.aff

The dictionary is PyPI's ``hunspell-sv`` (LGPL-3.0; its files install under
``share/hunspell/``). Nothing is downloaded at run time: the two derived lists are committed.

* ``lexicon_first.txt``: "form base" lines, the forms a word takes first or in the middle of a
  compound (flags X/U, and the forms the compound-forming suffix rules make, e.g. hälsa ->
  "hälso", tobak -> "tobaks"), with the word they come from;
* ``lexicon_last.txt``: the words that may end a compound (flag Y), one a line.

Only lowercase, purely alphabetic words of at least three letters are kept.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "search" / "data"
FIRST_FLAGS = set("XU")
LAST_FLAG = "Y"
WORD = re.compile(r"^[a-zåäöéü]{3,}$")


def compound_rules(aff: Path) -> dict[str, list[tuple[str, str, re.Pattern]]]:
    """The suffix rules whose results may begin or sit inside a compound (they carry X or U)."""
    rules: dict[str, list] = {}
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "SFX":
            flag, strip, add, condition = parts[1], parts[2], parts[3], parts[4]
            add, _, flags = add.partition("/")
            if FIRST_FLAGS & set(flags):
                strip = "" if strip == "0" else strip
                add = "" if add == "0" else add
                rules.setdefault(flag, []).append((strip, add, re.compile(condition + "$")))
    return rules


def main(dic: Path, aff: Path) -> None:
    rules = compound_rules(aff)
    first: set[tuple[str, str]] = set()
    last: set[str] = set()
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.strip().partition("/")
        if not WORD.match(word):
            continue
        if FIRST_FLAGS & set(flags):
            first.add((word, word))
        if LAST_FLAG in flags:
            last.add(word)
        for flag in flags:
            for strip, add, condition in rules.get(flag, ()):
                if condition.search(word) and word.endswith(strip):
                    form = word[: len(word) - len(strip)] + add
                    if WORD.match(form):
                        first.add((form, word))
    header = "# Derived from hunspell-sv (LGPL-3.0) by scripts/build_lexicon.py; see README.md.\n"
    (DATA / "lexicon_first.txt").write_text(
        header + "".join(f"{form} {base}\n" for form, base in sorted(first)), encoding="utf-8"
    )
    (DATA / "lexicon_last.txt").write_text(
        header + "".join(f"{word}\n" for word in sorted(last)), encoding="utf-8"
    )
    print(f"{len(first)} first forms, {len(last)} last words")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
