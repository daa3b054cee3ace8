"""Every page type makes a constant number of SQL queries, at most ``MAX_QUERIES``.

The count is taken twice: with a few examples carrying everything a page can show (cover
image, goals, tags, municipalities, organisations, stage history, attachments) and with many
more. A listing that loops over its examples to fetch their relations would grow; the test
fails naming the page. The page cache is off here (``PAGE_CACHE_SECONDS = 0`` in the test
settings), so these are the uncached counts.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model

import pytest

from examples.models import (
    CustomImage,
    ExampleAttachment,
    ExampleOrganisation,
    ExamplePage,
    Goal,
    Municipality,
    OrganisationKind,
    StageChange,
    TargetArea,
    TargetGroup,
)
from tests.factories import ExamplePageFactory
from tests.opendata.conftest import index

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
SMALL, LARGE = 5, 40
GOAL = "fallskador-hos-aldre"

# The factory puts new examples in Stockholms län, which has no demo examples, so the county
# and filtered pages list exactly the examples the test adds.
PAGES = {
    "startsidan": "/",
    "listan över goda exempel": "/goda-exempel/",
    "listan, filtrerad": "/goda-exempel/?lan=stockholms-lan&omrade=skola&steg=2",
    "listan, högst steg först": "/goda-exempel/?sortering=steg&lan=stockholms-lan",
    "listan, mest spridda först": "/goda-exempel/?sortering=spridning&sida=2",
    "målindex": "/mal/",
    "en målsida": f"/mal/{GOAL}/",
    "länsindex": "/lan/",
    "en länssida": "/lan/stockholms-lan/",
    "översikten": "/oversikt/",
    "en seminariesida": "/seminarier/seminarium-1-livet-som-barn-och-ungdom/",
    "sökning": "/sok/?q=testexempel",
    "sökning med två facetter": f"/sok/?q=testexempel&lan=stockholms-lan&mal={GOAL}",
    "förslag": "/sok/forslag/?q=testex",
    "API-listan": "/api/v1/exempel/",
    "API-listan, sökning": "/api/v1/exempel/?q=testexempel&per_sida=100",
    "flödet nya exempel": "/flode/nya-exempel/",
    "flödet steg": "/flode/steg/",
    "flödet för en sökning": "/flode/sok/?q=testexempel",
    "CSV-exporten": "/sok/export.csv?q=testexempel",
}


def count_queries(client, path):
    client.get(path)  # warm what every request shares (site root, content types, taxonomy)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


def counts(client, pages):
    return {name: count_queries(client, path) for name, path in pages.items()}


@pytest.fixture
def rich_examples(example_index):
    """``add(n)``: n published, indexed examples with every relation a page shows."""
    image = CustomImage.objects.first()
    goals = list(Goal.objects.filter(slug=GOAL)) + list(Goal.objects.order_by("number")[:2])
    areas = list(TargetArea.objects.filter(slug="skola"))
    groups = list(TargetGroup.objects.all()[:2])
    municipalities = list(Municipality.objects.filter(county__slug="stockholms-lan")[:3])
    document = get_document_model().objects.create(
        title="Rapport", file=ContentFile(b"%PDF-1.4 test", name="rapport.pdf")
    )

    def add(n):
        pages = []
        for _ in range(n):
            page = ExamplePageFactory(parent=example_index, cover_image=image, target_areas=areas)
            page.goals = goals
            page.target_groups = groups
            page.municipalities = municipalities
            page.tags.add("hälsofrämjande", "samverkan")
            page.stage_history.add(StageChange(stage=1, date=datetime.date(2022, 3, 1)))
            page.organisations.add(
                ExampleOrganisation(name="Huvudman", kind=OrganisationKind.REGION, role="owner"),
                ExampleOrganisation(name="Partner", kind=OrganisationKind.OTHER),
            )
            page.attachments.add(ExampleAttachment(document=document))
            page.save_revision().publish()
            pages.append(ExamplePage.objects.get(pk=page.pk))
        index(pages)
        return pages

    return add


def test_every_page_type_makes_a_constant_number_of_queries(client, rich_examples):
    first = rich_examples(SMALL)[0]
    pages = {
        **PAGES,
        "en exempelsida": first.url,
        "ett exempel i API:t": f"/api/v1/exempel/{first.pk}/",
    }
    small = counts(client, pages)
    rich_examples(LARGE - SMALL)
    large = counts(client, pages)
    for name, path in pages.items():
        assert large[name] == small[name], (
            f"{name} ({path}): {small[name]} queries with {SMALL} examples, "
            f"{large[name]} with {LARGE}"
        )
        assert small[name] <= MAX_QUERIES, (
            f"{name} ({path}): {small[name]} queries, at most {MAX_QUERIES} allowed"
        )
