"""Text enters clean: no character XML 1.0, iCalendar or a CSV reader refuses is ever stored.

Word's manual line break (U+000B) pasted into a summary once took every feed down. Each input
path is tried here — the share form, the admin (draft and publish), a script's save, the
taxonomy import — and what is stored is read back. The outputs' own cleaning, for text stored
before, is in ``tests/opendata/test_control_characters.py``.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from examples import taxonomy_loader
from examples.models import County, ExamplePage, Stage, TargetArea, TargetGroup
from tests.factories import ExamplePageFactory
from tests.mfa_helpers import login_with_mfa
from website.models import ContentPage, HomePage
from website.text import clean_line, clean_text

pytestmark = pytest.mark.django_db

# What a paste from Word, a PDF or a broken export brings along.
DIRTY = "Rad ett\x0bRad två\x0cslut\x00\x07\x1b\x7f\x85\x9f\ufffe\uffff\ud800."
FORBIDDEN = [chr(c) for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]]
FORBIDDEN += ["\ufffe", "\uffff", "\ud800", "\udfff"]


def assert_clean(text: str) -> None:
    found = sorted({f"U+{ord(ch):04X}" for ch in text if ch in FORBIDDEN})
    assert not found, f"{found} in {text!r}"


def test_line_breaks_become_newlines_and_the_rest_goes():
    assert clean_text(DIRTY) == "Rad ett\nRad två\nslut\n."
    assert clean_line(DIRTY) == "Rad ett Rad två slut ."
    assert clean_line("Titel\r\n\tmed radbrytning") == "Titel med radbrytning"
    assert clean_text("Tab\tny rad\nretur\r\nå ä ö – ”citat” \u2028 😀") == (
        "Tab\tny rad\nretur\r\nå ä ö – ”citat” \u2028 😀"
    )


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="word@example.se", email="word@example.se", password="x"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    return user


def test_the_share_form_stores_clean_text(client, member):
    client.force_login(member)
    dirty = {
        "title": "Från\x0bWord",
        "summary": "Ingress\x0bmed radbrytning från Word.",
        "body": "Första\x0bstycket\x07.",
        "results": "Resultat\x0c.",
        "lessons": "Lärdom\x1b.",
        "transfer": "Överför\x7fing.",
        "contact_name": "Kim\x0b Kontakt",
        "tags": "taggen\x0bmed brytning",
    }
    response = client.post(
        "/dela/",
        {
            **dirty,
            "county": County.objects.get(code="23").pk,
            "target_areas": [TargetArea.objects.get(slug="skola").pk],
            "stage": Stage.TRIAL,
            "org-TOTAL_FORMS": "1",
            "org-INITIAL_FORMS": "0",
            "org-0-name": "Region\x0bJämtland",
            "org-0-kind": "region",
            "org-0-role": "owner",
            "draft": "1",
        },
    )
    assert response.status_code == 302
    page = ExamplePage.objects.get(owner=member).get_latest_revision_as_object()
    assert page.title == "Från Word"
    assert page.summary == "Ingress\nmed radbrytning från Word."
    for text in (
        page.title,
        page.summary,
        page.results,
        page.lessons,
        page.transfer,
        page.contact_name,
        json.dumps(page.body.get_prep_value(), ensure_ascii=False),
        *(o.name for o in page.organisations.all()),
        *(t.name for t in page.tags.all()),
    ):
        assert_clean(text)


def test_the_admin_stores_clean_text_in_drafts_and_on_publishing(client):
    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    home = HomePage.objects.get()
    data = nested_form_data(
        {
            "title": "Sida\x0bur Word",
            "slug": "sida-ur-word",
            "introduction": "Ingress\x0bur Word\x07.",
            "body": streamfield([("paragraph", rich_text("<p>Stycke\x0bur Word\x1b.</p>"))]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    response = client.post(f"/admin/pages/add/website/contentpage/{home.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ContentPage.objects.get(slug="sida-ur-word")
    draft = page.get_latest_revision()
    assert_clean(json.dumps(draft.content, ensure_ascii=False))
    assert draft.as_object().introduction == "Ingress\nur Word."

    response = client.post(
        f"/admin/pages/{page.pk}/edit/", {**data, "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ContentPage.objects.get(pk=page.pk)
    assert page.live
    assert page.title == "Sida ur Word"
    assert_clean(page.introduction)
    assert_clean(json.dumps(page.body.get_prep_value(), ensure_ascii=False))
    assert "Stycke\nur Word." in page.body[0].value.source


def test_a_script_or_import_saving_through_the_orm_stores_clean_text(example_index):
    page = ExamplePageFactory(parent=example_index, summary="Skript\x0bimport\x00.")
    page.save_revision().publish()
    stored = ExamplePage.objects.get(pk=page.pk)
    assert stored.summary == "Skript\nimport."
    group = TargetGroup.objects.create(name="Grupp\x0bny", slug="grupp-ny", description="A\x07b")
    group.refresh_from_db()
    assert (group.name, group.description) == ("Grupp ny", "Ab")


def test_the_taxonomy_import_reads_clean_rows(tmp_path, monkeypatch):
    (tmp_path / "target_groups.csv").write_text(
        "slug,name\nbarn,Barn\x0boch unga\x07\n", encoding="utf-8"
    )
    monkeypatch.setattr(taxonomy_loader, "DATA_DIR", tmp_path)
    assert taxonomy_loader.read_rows("target_groups.csv") == [
        {"slug": "barn", "name": "Barn och unga"}
    ]
