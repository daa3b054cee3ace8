"""The example page's level ("Delat" or "Bedömt") and, for "Bedömt", the published result.

Registered with ``examples.extensions`` (the page cannot import this app). Two queries at most
whatever the number of assessments or criteria: the latest published assessment with its
criteria version, then its results with their criteria; both sections share them through the
request.
"""

from examples import extensions

CACHE_ATTRIBUTE = "_assessment_section"


def latest_published(example_id):
    from assessments.models import Assessment

    return (
        Assessment.objects.published()
        .filter(example_id=example_id)
        .select_related("criteria_version")
        .order_by("-published_at", "-pk")
        .first()
    )


def load(page, request):
    """{"assessment", "results", "changed"} for a live example; ``None`` in a preview."""
    if not page.pk or getattr(request, "is_preview", False):
        return None
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    from assessments.services import example_changed_since

    assessment = latest_published(page.pk)
    data = {"assessment": assessment, "results": [], "changed": False}
    if assessment is not None:
        data["results"] = list(
            assessment.results.select_related("criterion").order_by("criterion__sort_order")
        )
        data["changed"] = example_changed_since(assessment, page)
    setattr(request, CACHE_ATTRIBUTE, (page.pk, data))
    return data


def level_context(page, request):
    return load(page, request)


def result_context(page, request):
    data = load(page, request)
    if not data or data["assessment"] is None:
        return None
    return data


def register():
    extensions.register(
        "assessment_level",
        template="assessments/section_level.html",
        context=level_context,
        slot="header",
        order=10,
        cacheable=True,  # published assessments only; publishing one purges (services)
    )
    extensions.register(
        "assessment_result",
        template="assessments/section_result.html",
        context=result_context,
        slot="main",
        order=10,
        cacheable=True,
    )


def my_examples_notes(pages):
    """ "Mina exempel": each live example's level and a link to its assessment page (one query)."""
    from django.urls import reverse

    from assessments.models import Assessment
    from members.sharing.extras import RowNote

    ids = [p.pk for p in pages if p.live]
    latest: dict[int, Assessment] = {}
    pending: set[int] = set()
    for a in (
        Assessment.objects.filter(example_id__in=ids)
        .exclude(status="avbruten")
        .only("example_id", "status", "published_at")
    ):
        if a.status == Assessment.Status.PUBLISHED:
            if a.example_id not in latest or a.published_at > latest[a.example_id].published_at:
                latest[a.example_id] = a
        else:
            pending.add(a.example_id)
    notes = {}
    for page_id in ids:
        url = reverse("example_assessment", args=[page_id])
        if page_id in latest:
            date = latest[page_id].published_at
            text = f"Bedömt {date.day} {MONTHS[date.month - 1]} {date.year}."
            link = "Läs bedömningen och svara"
        else:
            text = "Delat."
            link = "Begär bedömning"
        if page_id in pending:
            text += " En bedömning är på gång."
            link = "Bedömning"
        notes[page_id] = [RowNote(text, url, link)]
    return notes


MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
