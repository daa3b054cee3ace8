"""An example page reads everything it lists in one statement (``examples.details``).

The statement is hand-built for PostgreSQL and SQLite alike (the suite runs on both), so these
tests hold it to what the ORM would have given: the same rows, in the same order, as model
instances the template can use; a preview still shows the form's unsaved relations.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model

import pytest

from examples.details import ExampleDetails
from examples.models import (
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

pytestmark = pytest.mark.django_db

# Routing (two), the page's own row, the one statement, the seminars it was presented at, where
# it runs (the adoptions app's section and its places provider for the map: published
# adoptions, twice, and the owner's spread places) and its published assessment (the level in
# the header and the section share one query); everything else is kept per process.
EXAMPLE_PAGE_QUERIES = 8


@pytest.fixture
def rich_page(example_index):
    page = ExamplePageFactory(
        parent=example_index,
        stage=1,
        target_areas=list(TargetArea.objects.filter(slug__in=["skola", "socialtjanst"])),
    )
    page.goals = list(Goal.objects.filter(number__in=[14, 2, 7]))
    page.target_groups = list(TargetGroup.objects.all()[:2])
    page.municipalities = list(Municipality.objects.filter(county__slug="stockholms-lan")[:3])
    page.tags.add("Ölands rör", "barnhälsa", "Äldreomsorg")
    page.organisations.add(
        ExampleOrganisation(name="Region Ett", kind=OrganisationKind.REGION, role="owner"),
        ExampleOrganisation(name="Förening Två", kind=OrganisationKind.CIVIL_SOCIETY),
    )
    page.stage_history.add(StageChange(stage=2, date=datetime.date(2023, 5, 1), note="Breddat"))
    report = get_document_model().objects.create(
        title="Slutrapport", file=ContentFile(b"%PDF-1.4 " + b"x" * 2000, name="slutrapport.pdf")
    )
    guide = get_document_model().objects.create(
        title="Guide", file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf")
    )
    page.attachments.add(
        ExampleAttachment(document=report), ExampleAttachment(document=guide, title="Så gör ni")
    )
    page.save_revision().publish()
    return ExamplePage.objects.get(pk=page.pk)


def as_rows(details):
    return {
        "goals": [g.number for g in details.goals],
        "target_areas": [a.slug for a in details.target_areas],
        "target_groups": [g.slug for g in details.target_groups],
        "municipalities": [m.name for m in details.municipalities],
        "tags": [(t.pk, t.name, t.slug) for t in details.tags],
        "organisations": [(o.pk, o.name, o.kind, o.role) for o in details.organisations],
        "timeline": [(c.pk, c.stage, c.date, c.precision, c.note) for c in details.timeline],
        "attachments": [
            (
                a.pk,
                a.link_text,
                a.document.url,
                a.document.file_extension,
                a.document.get_file_size(),
            )
            for a in details.attachments
        ],
    }


def test_the_statement_reads_what_the_orm_reads(rich_page):
    loaded = as_rows(ExampleDetails.load(rich_page))

    assert loaded == as_rows(ExampleDetails.from_page(ExamplePage.objects.get(pk=rich_page.pk)))
    assert loaded["goals"] == [2, 7, 14]
    assert [name for _, name, _ in loaded["tags"]] == [
        "barnhälsa",
        "strategiförhälsa",
        "Äldreomsorg",
        "Ölands rör",
    ]
    assert [name for _, name, _, _ in loaded["organisations"]] == ["Region Ett", "Förening Två"]
    assert [(stage, note) for _, stage, _, _, note in loaded["timeline"]] == [
        (2, "Breddat"),
        (1, ""),
    ]
    assert loaded["timeline"][0][2] == datetime.date(2023, 5, 1)
    assert [(text, size) for _, text, _, _, size in loaded["attachments"]] == [
        ("Slutrapport", 2009),
        ("Så gör ni", 14),
    ]


def test_a_page_without_relations_loads_empty_lists(example_index):
    page = ExamplePageFactory(parent=example_index, target_areas=[])
    details = ExampleDetails.load(page)
    assert details.goals == details.municipalities == details.attachments == []
    assert [tag.name for tag in details.tags] == ["strategiförhälsa"]


def test_the_page_shows_every_relation_in_few_queries(client, rich_page):
    client.get(rich_page.url)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(rich_page.url).content.decode()

    assert len(ctx.captured_queries) <= EXAMPLE_PAGE_QUERIES, [
        q["sql"][:120] for q in ctx.captured_queries
    ]
    facts = html[html.index('class="example__facts"') :]
    for text in ("Region Ett", "Förening Två", "barnhälsa", "Ölands rör", "Skola"):
        assert text in facts
    for goal in Goal.objects.filter(number__in=[2, 7, 14]):
        assert f"{goal.number}. {goal.text}" in facts
    assert "Så gör ni" in html and "(PDF, 2,0 kB)" in html
    assert "maj 2023" in html and "Breddat" in html


def test_a_preview_shows_the_unsaved_relations(rich_page):
    other = Goal.objects.get(number=20)
    rich_page.goals = [other]
    rich_page.organisations = [ExampleOrganisation(name="Ny partner", kind=OrganisationKind.OTHER)]

    html = rich_page.make_preview_request().content.decode()

    assert f"{other.number}. {other.text}" in html
    assert "Ny partner" in html and "Region Ett" not in html


def test_an_edit_under_taxonomi_shows_on_the_next_view(client, rich_page):
    client.get(rich_page.url)
    goal = Goal.objects.get(number=7)
    goal.text = "Ny lydelse av målet"
    goal.save()

    assert "7. Ny lydelse av målet" in client.get(rich_page.url).content.decode()
