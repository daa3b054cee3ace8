"""The assessment workflow: request, assign, answer, publish, comment.

Every change runs in one transaction; what it sets off outside the database (the owner's mail,
the page cache purge, the search index) runs after the commit (``transaction.on_commit``), and
a failing mail server is only logged: it never undoes an assessor's or an editor's work.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    Assignment,
    Comment,
    CriteriaVersion,
    CriterionResult,
    Result,
)
from assessments.setup import ASSESSORS_GROUP
from website import pagecache, siteurl

logger = logging.getLogger(__name__)
Status = Assessment.Status

# Listeners told, inside the publication's transaction, that an example's assessment was
# published (the search index registers here from its AppConfig.ready() and queues the
# re-index for after the commit; assessments never import search).
published_listeners: list = []


class WorkflowError(Exception):
    """A step that the assessment's state does not allow (said in Swedish to the user)."""


def assessors():
    """Everyone who may be assigned: members of the group "Bedömare"."""
    return (
        get_user_model()
        .objects.filter(groups__name=ASSESSORS_GROUP, is_active=True)
        .order_by("first_name", "last_name", "email")
        .distinct()
    )


def example_changed_since(assessment, example) -> bool:
    """Whether the example was published again after the version that was assessed."""
    return bool(
        assessment.content_date
        and example.last_published_at
        and example.last_published_at > assessment.content_date
    )


def open_assessment(example):
    return Assessment.objects.open().filter(example=example).first()


@transaction.atomic
def request_assessment(example, user, note: str = "") -> Assessment:
    """The owner (or an editor) asks for an assessment of a live example; one open at a time."""
    if not example.live:
        raise WorkflowError("Bara publicerade exempel kan bedömas.")
    if open_assessment(example):
        raise WorkflowError("Exemplet har redan en bedömning på gång.")
    latest = Assessment.objects.published().filter(example=example).order_by("-published_at")
    latest = latest.first()
    if latest is not None and not example_changed_since(latest, example):
        raise WorkflowError(
            "Exemplet har inte ändrats sedan den senaste bedömningen. Ändra exemplet först, "
            "och begär en ny bedömning när ändringen är publicerad."
        )
    return Assessment.objects.create(example=example, requested_by=user, request_note=note)


@transaction.atomic
def assign(assessment, users) -> Assessment:
    """Give the assessment to one or two assessors, with the current criteria and the example's
    published version. Assessors who already answered keep their form."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status not in (Status.REQUESTED, Status.ASSIGNED):
        raise WorkflowError("Bedömningen kan inte längre tilldelas.")
    users = list(dict.fromkeys(users))
    if not 1 <= len(users) <= 2:
        raise WorkflowError("Välj en eller två bedömare.")
    version = assessment.criteria_version or CriteriaVersion.objects.current()
    if version is None:
        raise WorkflowError("Det finns ingen publicerad kriterieversion.")
    example = assessment.example
    kept = assessment.assignments.filter(assessor__in=users)
    if assessment.assignments.exclude(assessor__in=users).filter(submitted_at__isnull=False):
        raise WorkflowError("En bedömare som redan har lämnat in kan inte tas bort.")
    assessment.assignments.exclude(assessor__in=users).delete()
    have = set(kept.values_list("assessor_id", flat=True))
    for user in users:
        if user.pk not in have:
            Assignment.objects.create(assessment=assessment, assessor=user)
    assessment.criteria_version = version
    assessment.status = Status.ASSIGNED
    assessment.assigned_at = assessment.assigned_at or timezone.now()
    assessment.revision = example.live_revision
    assessment.content_date = example.last_published_at
    assessment.save()
    return assessment


@transaction.atomic
def submit_answers(assignment, answers: dict, summary: str, internal_note: str) -> Assignment:
    """Store one assessor's form: ``answers`` maps criterion id to (result, motivation)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    assessment = assignment.assessment
    if assignment.submitted_at or assessment.status != Status.ASSIGNED:
        raise WorkflowError("Bedömningen är redan inlämnad.")
    Answer.objects.bulk_create(
        Answer(assignment=assignment, criterion_id=cid, result=result, motivation=motivation)
        for cid, (result, motivation) in answers.items()
    )
    assignment.summary = summary
    assignment.internal_note = internal_note
    assignment.submitted_at = timezone.now()
    assignment.save()
    if not assessment.assignments.filter(submitted_at__isnull=True).exists():
        assessment.status = Status.READY
        assessment.save(update_fields=["status"])
    return assignment


@transaction.atomic
def publish(assessment, user, results: dict, summary: str) -> Assessment:
    """The editors' agreed result: one (result, motivation) per criterion and the summary."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Status.READY:
        raise WorkflowError("Bedömningen kan publiceras först när alla bedömare har lämnat in.")
    CriterionResult.objects.bulk_create(
        CriterionResult(assessment=assessment, criterion_id=cid, result=result, motivation=m)
        for cid, (result, m) in results.items()
    )
    assessment.summary = summary
    assessment.status = Status.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.published_by = user
    assessment.save()
    pagecache.purge()
    _after_commit_notify(assessment)
    for listener in published_listeners:
        listener(assessment.example_id)
    return assessment


@transaction.atomic
def cancel(assessment) -> None:
    if assessment.status == Status.PUBLISHED:
        raise WorkflowError("En publicerad bedömning kan inte avbrytas.")
    assessment.status = Status.CANCELLED
    assessment.save(update_fields=["status"])


def add_comment(assessment, user, text: str) -> Comment:
    return Comment.objects.create(assessment=assessment, author=user, text=text)


def _after_commit_notify(assessment):
    example = assessment.example
    owner = example.owner
    if owner is None or not owner.email:
        return
    context = {
        "title": example.title,
        "page_url": example.get_full_url() or "",
        "assessment_url": siteurl.absolute(reverse("example_assessment", args=[example.pk])),
    }
    subject = render_to_string("assessments/email/published_subject.txt", context).strip()
    body = render_to_string("assessments/email/published_body.txt", context)
    recipient = owner.email

    def send():
        try:
            send_mail(subject, body, None, [recipient])
        except Exception:  # a mail outage must not undo the publication
            logger.exception("Kunde inte skicka bedömningsmejl för exempel %s", example.pk)

    transaction.on_commit(send)


def results_by_criterion(assessment) -> dict:
    return {r.criterion_id: r for r in assessment.results.all()}


RESULT_LABELS = dict(Result.choices)
