"""The vocabularies load from the repository's data files, completely and idempotently."""

import os
import re
from pathlib import Path

import pytest

from examples.models import County, Goal, GoalArea, Municipality, Stage, TargetArea, TargetGroup
from examples.taxonomy_loader import load_taxonomy

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "003_636c4f7c21734c00.txt"


def seed_text():
    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Seed document missing under CI: {SEED}")
        pytest.skip(f"Seed document not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_21_counties_with_scb_codes(taxonomy):
    codes = list(County.objects.order_by("code").values_list("code", "name"))
    assert len(codes) == 21
    assert codes[0] == ("01", "Stockholms län")
    assert codes[-1] == ("25", "Norrbottens län")
    assert ("23", "Jämtlands län") in codes


def test_290_municipalities_each_in_its_county(taxonomy):
    assert Municipality.objects.count() == 290
    for municipality in Municipality.objects.select_related("county"):
        assert municipality.code[:2] == municipality.county.code, municipality
    assert Municipality.objects.get(name="Heby").county.name == "Uppsala län"
    assert Municipality.objects.get(name="Habo").county.name == "Jönköpings län"
    assert Municipality.objects.get(code="0980").name == "Gotland"
    assert Municipality.objects.filter(county__code="14").count() == 49


def test_22_goals_in_3_areas_worded_exactly_as_the_seed(taxonomy):
    """Compare every goal, in order and area, with the seed's "22 indikatorer och mål" slide."""
    text = seed_text()
    section = text.split("22 indikatorer och mål", 1)[1].split("Ju större utmaningen", 1)[0]
    expected, area = [], None
    for line in section.splitlines():
        line = line.strip()
        if line in {"God och jämlik hälsa", "God kvalitet", "Hållbart och uthålligt"}:
            area = line
        elif line.startswith("- "):
            expected.append((area, line[2:].strip()))
    assert len(expected) == 22
    actual = [
        (goal.area.name, goal.text)
        for goal in Goal.objects.select_related("area").order_by("number")
    ]
    assert actual == expected
    assert [area.name for area in GoalArea.objects.order_by("sort_order")] == [
        "God och jämlik hälsa",
        "God kvalitet",
        "Hållbart och uthålligt",
    ]


def test_four_stages_with_the_seed_labels():
    text = seed_text()
    seed_stages = dict(re.findall(r"^- ([1-4]) (.+)$", text, flags=re.MULTILINE))
    assert {stage.value: stage.label for stage in Stage} == {
        int(k): v.strip() for k, v in seed_stages.items()
    }


def test_target_areas_and_groups(taxonomy):
    welfare = set(TargetArea.objects.filter(is_welfare_area=True).values_list("name", flat=True))
    assert welfare == {"Skola", "Socialtjänst", "Vård och omsorg", "Hälso- och sjukvård"}
    assert {"Folkhälsa", "Fritid", "Civilsamhälle"} <= set(
        TargetArea.objects.values_list("name", flat=True)
    )
    assert list(TargetGroup.objects.values_list("name", flat=True)) == [
        "Barn och unga",
        "Vuxna",
        "Äldre",
    ]


def test_reloading_changes_nothing_and_keeps_editors_work(taxonomy):
    area = TargetArea.objects.get(slug="fritid")
    area.name = "Fritid och kultur"
    area.save()
    county = County.objects.get(code="23")
    county.name = "Fel namn"
    county.save()

    report = load_taxonomy()

    area.refresh_from_db()
    county.refresh_from_db()
    assert area.name == "Fritid och kultur", "an editor's own wording survives a reload"
    assert county.name == "Jämtlands län", "official names are restored from the data file"
    assert report.changed == 1
    assert load_taxonomy().changed == 0
