"""Fixtures of the open-data tests: extra examples in the search index, and one with a contact."""

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from examples.models import ExampleOrganisation, OrganisationKind
from members.models import MemberProfile
from search.backends.database import DatabaseBackend
from search.indexing import sources_for
from search.models import SearchDocument
from tests.factories import ExamplePageFactory

CONTACT_EMAIL = "hemlig.kontakt@example.se"
CONTACT_NAME = "Kerstin Kontaktsson"


def index(pages) -> None:
    """Put pages into the database search index, as publishing does after the commit."""
    DatabaseBackend().apply(sources_for([page.pk for page in pages]).values(), [])


@pytest.fixture
def add_examples(example_index):
    """``add_examples(n, **fields)``: n more published, indexed examples."""

    def add(n, **fields):
        now = timezone.now()
        fields = {"first_published_at": now, "last_published_at": now, **fields}
        pages = [ExamplePageFactory(parent=example_index, **fields) for _ in range(n)]
        index(pages)
        return pages

    return add


@pytest.fixture
def contact_example(demo, example_index):
    """A published example with a contact person whose owner consents to showing it."""
    owner = get_user_model().objects.create_user(
        username="agare@example.se", email="agare@example.se", password="x"
    )
    MemberProfile.objects.create(user=owner, contact_consent_at=timezone.now())
    page = ExamplePageFactory(
        parent=example_index,
        title="Kontakttestet i Åre",
        summary="Ett exempel med kontaktperson, för att pröva att hennes uppgifter inte läcker.",
        contact_name=CONTACT_NAME,
        contact_role="Folkhälsostrateg",
        contact_email=CONTACT_EMAIL,
        owner=owner,
    )
    page.organisations.add(
        ExampleOrganisation(name="Åre kommun", kind=OrganisationKind.MUNICIPALITY, role="owner")
    )
    page.save_revision().publish()
    index([page])
    assert page.contact_visible  # the page itself shows the contact: the exports must not
    return page


def unfolded(every: list[int], listed: list[int]) -> list[int]:
    """``every`` (the API's or an export's ids, every example) without the near-copies the
    search page folds into a listed hit (``search.nearcopies``), cut to the length of
    ``listed``: what the search page lists, if the two agree."""
    keys = dict(SearchDocument.objects.values_list("pk", "copy_key"))
    shown = {keys[pk] for pk in listed}
    return [pk for pk in every if pk in listed or keys[pk] not in shown][: len(listed)]
