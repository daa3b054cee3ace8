"""Editors reviewing an example are told when its text opens like a published example's."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from examples.models import ExamplePage
from search import indexing
from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db

GOTLAND = "forsta-linjen-unga-gotland"
NOTE = "Texten börjar med samma ord som"


@pytest.fixture
def editor(client, demo):
    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    indexing.rebuild_database()
    return client


def edit_page(client, page) -> str:
    return client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()


def test_a_submission_copying_a_published_text_names_it(editor):
    """A draft whose text is Gotland's (its own title and place) names Gotland's and Värmland's
    published examples; Gotland's own page names only Värmland's."""
    gotland = ExamplePage.objects.get(slug=GOTLAND)
    draft = ExamplePage(
        title="Första linjen i Kalmar län",
        slug="forsta-linjen-kalmar",
        summary=gotland.summary.replace("Gotland", "Kalmar län"),
        body=gotland.body.raw_data,
        results=gotland.results,
        lessons=gotland.lessons,
        transfer=gotland.transfer,
        county=gotland.county,
        stage=gotland.stage,
        live=False,
    )
    gotland.get_parent().add_child(instance=draft)
    draft.save_revision()
    html = edit_page(editor, draft)
    assert f"{NOTE} 2 publicerade exempel:" in html
    assert "”Första linjen för ungas psykiska hälsa – Gotland”" in html
    assert "”Första linjen för ungas psykiska hälsa – Värmland”" in html
    own = edit_page(editor, gotland)
    assert (
        f"{NOTE} ett publicerat exempel: ”Första linjen för ungas psykiska hälsa – Värmland”" in own
    )


def test_an_example_of_its_own_has_no_note(editor):
    page = ExamplePage.objects.live().exclude(slug__startswith="forsta-linjen").first()
    html = edit_page(editor, page)
    assert "js/admin-field-names.js" in html  # the editor did open
    assert NOTE not in html
