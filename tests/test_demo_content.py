"""The demo command: every seed example, seminars, dialogues and users — and idempotent."""

from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

import pytest

from examples.demo import content
from examples.models import County, ExamplePage, SeminarPage
from tests import sitemap
from website.models import ContentPage

pytestmark = pytest.mark.django_db

SEED_EXAMPLES = {
    "BarnSäkert": "Blekinge län",
    "Äldremottagningar i Uppsala län": "Uppsala län",
    "Geografiskt hälsouppdrag till vårdcentraler": "Uppsala län",
    "SEXIT": "Jämtlands län",
    "Cross i Örebro län": "Örebro län",
    "Salutsatsningen": "Västerbottens län",
    "Cresco+": "Västra Götalands län",
    "Allaktivitetshusen i Malmö": "Skåne län",
}


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_running_the_demo_command_twice_changes_nothing(demo):
    before = row_counts()
    out = StringIO()
    call_command("load_demo_content", "--users", stdout=out)
    assert row_counts() == before
    assert "0 nya poster" in out.getvalue()


def test_every_seed_example_is_published_in_its_county(demo):
    examples = {page.title: page for page in ExamplePage.objects.live().select_related("county")}
    assert len(examples) == len(content.EXAMPLES) == 19
    for title, county in SEED_EXAMPLES.items():
        assert examples[title].county.name == county
    familjecentraler = ExamplePage.objects.get(
        slug="halsocenter-och-familjecentraler-jonkopings-lan"
    )
    assert familjecentraler.stage == 4
    assert (
        ExamplePage.objects.get(slug="proaktiv-halsostyrning-gavleborg")
        .goals.filter(number=9)
        .exists()
    )
    kalmar = ExamplePage.objects.get(slug="forebyggande-hembesok-79-aringar-kalmar-lan")
    assert set(kalmar.municipalities.values_list("name", flat=True)) == {
        "Kalmar",
        "Borgholm",
        "Mörbylånga",
    }


def test_every_example_has_a_cover_image_with_alt_text_and_a_dated_stage(demo):
    for page in ExamplePage.objects.select_related("cover_image"):
        assert page.cover_image and page.cover_image.description, page
        assert [c.stage for c in page.stage_timeline] == [page.stage], page


def test_seminars_present_their_examples_in_the_seed_order(demo, client):
    seminar = SeminarPage.objects.get(title="Seminarium 1: Livet som barn och ungdom")
    assert timezone.localtime(seminar.starts_at).hour == 14
    assert timezone.localtime(seminar.ends_at).hour == 16
    assert [item.example.title for item in seminar.items.order_by("sort_order")][:2] == [
        "BarnSäkert",
        "Lokala hälsocenter och familjecentraler",
    ]
    html = client.get(seminar.url).content.decode()
    assert html.index("BarnSäkert") < html.index("SEXIT")
    assert "kl. 14.00–16.00" in html


def test_county_pages_show_the_seed_dialogue_table(demo, client):
    blekinge = client.get("/lan/blekinge-lan/").content.decode()
    for label in ("Regional workshop", "Länsdialog", "Uppföljande samtal"):
        assert label in blekinge
    stockholm = client.get("/lan/stockholms-lan/").content.decode()
    assert "Inga dialoger med länet finns registrerade." in stockholm
    assert (
        County.objects.get(code="05").dialogues.count() == 2
    )  # Östergötland: länsdialog + uppföljande


def test_statement_pages_are_linked_from_the_footer(demo, client):
    html = client.get("/").content.decode()
    footer = html[html.index("site-footer") :]
    for page in ContentPage.objects.filter(show_in_footer=True):
        assert f'href="{page.url}"' in footer
    assert "Tillgänglighetsredogörelse" in footer


def test_demo_users_editor_has_admin_member_does_not(demo, client):
    User = get_user_model()
    editor = User.objects.get(email="redaktor@example.se")
    member = User.objects.get(email="medlem@example.se")
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not member.has_perm("wagtailadmin.access_admin")
    client.force_login(member)
    assert client.get("/admin/").status_code in (302, 403)


def test_every_page_the_demo_made_answers_200(demo, client):
    paths = sitemap.paths(client)
    assert len(paths) >= 19 + 22 + 21 + 2 + 4
    failures = [(path, status) for path in paths if (status := client.get(path).status_code) != 200]
    assert failures == []


def test_unknown_routes_answer_a_swedish_404(demo, client):
    for path in (
        "/finns-inte/",
        "/mal/inget-sadant-mal/",
        "/lan/inget-lan/",
        "/goda-exempel/?sida=abc&steg=9",
    ):
        response = client.get(path)
        if path.startswith("/goda-exempel/"):
            assert response.status_code == 200
        else:
            assert response.status_code == 404
            assert "Sidan kunde inte hittas" in response.content.decode()


def test_pages_are_swedish_whatever_language_the_browser_asks_for(demo, client):
    seminar = SeminarPage.objects.get(slug="seminarium-1-livet-som-barn-och-ungdom")
    html = client.get(seminar.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "onsdag 7 februari 2024 kl. 14.00–16.00" in html
    assert "Wednesday" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/goda-exempel/?sida=99999999999999999999999",
        "/goda-exempel/?steg=99999999999999999999&lan=%00",
        "/goda-exempel/?tagg=%00",
        "/goda-exempel/?omrade=%C0%AF",
        "/lan/?sida=-1",
        "/mal/fallskador-hos-aldre/?sida=1e9",
    ],
)
def test_odd_query_strings_give_a_normal_page(demo, client, path):
    assert client.get(path).status_code == 200
