"""Load the vocabularies from ``examples/data/*.csv``, idempotently, keyed by official codes.

Official facts (names and codes of counties, municipalities and the 22 goals) are brought in
line with the files on every run; what editors own (slugs, descriptions, the editable target
areas and groups) is only set when a row is first created, so a re-run never undoes their work.
"""

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from examples.models import County, Goal, GoalArea, Municipality, TargetArea, TargetGroup
from website.text import clean_data

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    """How many rows of each vocabulary were created, updated or left as they were."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def tally(self, vocabulary: str, outcome: str) -> None:
        self.counts.setdefault(vocabulary, Counter())[outcome] += 1

    @property
    def changed(self) -> int:
        return sum(c["skapade"] + c["uppdaterade"] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{name}: {sum(c.values())} ({c['skapade']} skapade, {c['uppdaterade']} uppdaterade)"
            for name, c in self.counts.items()
        ]


def read_rows(filename: str) -> list[dict[str, str]]:
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        # A data file is text from elsewhere: no character XML or iCalendar refuses gets in,
        # and every value is one line (as stored, so that a re-run finds nothing to update).
        return [clean_data(row, line=True) for row in csv.DictReader(handle)]


def sync(report, vocabulary, model, lookup, official, on_create=None):
    """Create the row if missing, else update only the ``official`` fields that differ."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **official, **(on_create or {}))
        report.tally(vocabulary, "skapade")
        return
    changed = [name for name, value in official.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, official[name])
        obj.save(update_fields=changed)
        report.tally(vocabulary, "uppdaterade")
    else:
        report.tally(vocabulary, "oförändrade")


@transaction.atomic
def load_taxonomy(progress=None) -> LoadReport:
    """Load every vocabulary; ``progress`` (a callable taking a line) is told of each one."""
    report = LoadReport()
    say = progress or (lambda line: None)

    for row in read_rows("counties.csv"):
        sync(
            report,
            "Län",
            County,
            {"code": row["code"]},
            {"name": row["name"], "short_name": row["short_name"]},
            {"slug": row["slug"]},
        )
    say(report.lines()[-1])

    counties = {c.code: c for c in County.objects.all()}
    for row in read_rows("municipalities.csv"):
        sync(
            report,
            "Kommuner",
            Municipality,
            {"code": row["code"]},
            {"name": row["name"], "county": counties[row["county_code"]]},
            {"slug": row["slug"]},
        )
    say(report.lines()[-1])

    for row in read_rows("goal_areas.csv"):
        sync(
            report,
            "Målområden",
            GoalArea,
            {"slug": row["slug"]},
            {"name": row["name"], "sort_order": int(row["sort_order"])},
            {"description": row["description"]},
        )
    say(report.lines()[-1])

    areas = {a.slug: a for a in GoalArea.objects.all()}
    for row in read_rows("goals.csv"):
        sync(
            report,
            "Mål",
            Goal,
            {"number": int(row["number"])},
            {"text": row["text"], "area": areas[row["area"]]},
            {"slug": row["slug"]},
        )
    say(report.lines()[-1])

    for row in read_rows("target_areas.csv"):
        sync(
            report,
            "Verksamhetsområden",
            TargetArea,
            {"slug": row["slug"]},
            {},
            {
                "name": row["name"],
                "sort_order": int(row["sort_order"]),
                "is_welfare_area": row["is_welfare_area"] == "1",
                "description": row["description"],
            },
        )
    say(report.lines()[-1])

    for row in read_rows("target_groups.csv"):
        sync(
            report,
            "Målgrupper",
            TargetGroup,
            {"slug": row["slug"]},
            {},
            {
                "name": row["name"],
                "sort_order": int(row["sort_order"]),
                "description": row["description"],
            },
        )
    say(report.lines()[-1])
    return report
