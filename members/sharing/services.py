"""What the member's actions do to an example page: drafts, review, withdrawal, stage updates,
marking the work "Avslutat" and resuming it.

A published example is never changed in place: every member edit is a new revision that
goes through review while the published version stays live.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page

from examples.models import (
    DatePrecision,
    ExampleAttachment,
    ExampleIndexPage,
    ExampleOrganisation,
    ExamplePage,
    StageChange,
)
from members.sharing import storage

PARAGRAPH_BLOCK = "paragraph"


def text_to_html(text: str) -> str:
    """Plain text with blank lines between paragraphs → safe HTML paragraphs."""
    parts = [part.strip() for part in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in parts if part)


def html_to_text(html: str) -> str:
    html = (html or "").replace("<br>", "\n").replace("<br/>", "\n").replace("</p>", "</p>\n\n")
    return strip_tags(html).strip()


def unique_slug(title: str, index: Page, page=None) -> str:
    base = slugify(title.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:70] or "exempel"
    slug, n = base, 2
    siblings = index.get_children().exclude(pk=getattr(page, "pk", None))
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def initial_from_page(page: ExamplePage) -> dict:
    """The form's starting values for editing: the latest revision, draft or live."""
    latest = page.get_latest_revision_as_object()
    body_text = "\n\n".join(
        html_to_text(block.value.source)
        for block in latest.body
        if block.block_type == PARAGRAPH_BLOCK
    )
    return {
        "title": latest.title,
        "summary": latest.summary,
        "body": body_text,
        "county": latest.county_id,
        "municipalities": [m.pk for m in latest.municipalities.all()],
        "target_areas": [a.pk for a in latest.target_areas.all()],
        "target_groups": [g.pk for g in latest.target_groups.all()],
        "stage": latest.stage,
        "goals": [g.pk for g in latest.goals.all()],
        "tags": ", ".join(tag.name for tag in latest.tags.all()),
        "start_year": latest.start_year,
        "end_year": latest.end_year,
        "results": html_to_text(latest.results),
        "lessons": html_to_text(latest.lessons),
        "transfer": html_to_text(latest.transfer),
        "contact_name": latest.contact_name,
        "contact_role": latest.contact_role,
        "contact_email": latest.contact_email,
        "cover_image_alt": latest.cover_image.description if latest.cover_image else "",
    }, latest


def apply_form(page: ExamplePage, form, organisations) -> ExamplePage:
    data = form.cleaned_data
    page.title = data["title"]
    page.summary = data["summary"]
    kept_blocks = (
        [(b.block_type, b.value) for b in page.body if b.block_type != PARAGRAPH_BLOCK]
        if page.body
        else []
    )
    page.body = [
        (PARAGRAPH_BLOCK, text_to_html(p)) for p in [data["body"]] if p.strip()
    ] + kept_blocks
    page.county = data["county"]
    page.municipalities = list(data["municipalities"])
    page.target_areas = list(data["target_areas"])
    page.target_groups = list(data["target_groups"])
    page.stage = data["stage"]
    page.goals = list(data["goals"])
    page.start_year = data["start_year"]
    page.end_year = data["end_year"]
    page.results = text_to_html(data["results"])
    page.lessons = text_to_html(data["lessons"])
    page.transfer = text_to_html(data["transfer"])
    page.contact_name = data["contact_name"]
    page.contact_role = data["contact_role"]
    page.contact_email = data["contact_email"]
    page.cover_image = image_with_alt_text(
        form.stored_image, form.cleaned_data.get("cover_image_alt"), form.user
    )
    page.tags.set(form.tag_list())
    page.organisations = [
        ExampleOrganisation(
            name=o["name"], kind=o["kind"], role=o["role"] or ExampleOrganisation.Role.PARTNER
        )
        for o in organisations
        if o.get("name")
    ]
    existing = {a.document_id for a in page.attachments.all()}
    attachments = list(page.attachments.all()) + [
        ExampleAttachment(document=doc) for doc in form.stored_documents if doc.pk not in existing
    ]
    # The member's titles and removals apply only to this example's own attachments: the
    # posted ids are looked up here, never loaded.
    changes = form.attachment_changes()
    kept = []
    for attachment in attachments:
        title, removed = changes.get(attachment.document_id, (None, False))
        if removed:
            continue
        if title is not None:
            attachment.title = "" if title == attachment.document.title else title
        kept.append(attachment)
    page.attachments = kept
    return page


def image_with_alt_text(image, alt_text, user):
    """The cover image for this revision, described by ``alt_text``.

    The alt text belongs to the image (Wagtail's ``description``), and an image already in use
    is shared with the live page or a revision under review: editing it in place would change
    what visitors see before an editor approved it. A new text on such an image goes on a copy
    instead, which this revision uses; only a fresh upload nothing uses yet is edited.
    """
    if image is None or not alt_text or alt_text == image.description:
        return image
    if storage.image_in_use(image):
        return storage.copy_image(image, user, alt_text)
    image.description = alt_text
    image.save(update_fields=["description"])
    return image


@transaction.atomic
def save_example(user, form, organisations, page=None, submit=False) -> ExamplePage:
    """Create or update the member's example as a new revision; optionally send it to review."""
    index = ExampleIndexPage.objects.get()
    if page is None:
        page = ExamplePage(owner=user, live=False)
        apply_form(page, form, organisations)
        page.slug = unique_slug(page.title, index)
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True, clean=False)
    else:
        draft = page.get_latest_revision_as_object()
        apply_form(draft, form, organisations)
        draft.save_revision(user=user, log_action=True, clean=False, changed=True)
        page = ExamplePage.objects.get(pk=page.pk)
    if submit:
        send_to_review(page, user)
    return page


def send_to_review(page: ExamplePage, user):
    """Start the review workflow for the latest revision (restart it if one is running)."""
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    workflow = page.get_workflow()
    if workflow is None:
        raise RuntimeError(
            "Granskningsflödet saknas: kör manage.py load_demo_content eller setup_review_workflow."
        )
    workflow.start(page, user)


@transaction.atomic
def withdraw(page: ExamplePage, user):
    """Take the example back: out of review if it is there, else off the public site."""
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    elif page.live:
        # Members have no Wagtail page permissions; ownership was checked by the view.
        UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)


@transaction.atomic
def update_stage(page: ExamplePage, user, stage: int, on=None, note=""):
    """A stage change is a revision like any other: dated, then reviewed before it shows.

    ``on`` is the first day of the month the member names (or a later day of that month, to
    keep the history in order); the entry is stored with month precision and the comment.
    """
    draft = page.get_latest_revision_as_object()
    latest = draft.latest_stage_change
    if latest is None or latest.stage != stage:
        draft.stage_history.add(
            StageChange(
                stage=stage,
                date=on or timezone.localdate(),
                precision=StageChange.Precision.MONTH if on else StageChange.Precision.DAY,
                note=note,
            )
        )
    draft.stage = stage
    draft.save_revision(user=user, log_action=True, clean=False, changed=True)
    page = ExamplePage.objects.get(pk=page.pk)
    if page.live or page.current_workflow_state is not None:
        send_to_review(page, user)
    return page


@transaction.atomic
def discontinue(
    page: ExamplePage, user, *, on, reason, reason_text="", replaced_by=None, lesson=""
):
    """Mark the work "Avslutat": a revision like a new stage, reviewed before it shows.

    ``on`` is the first day of the month the member names; the date is stored with month
    precision. Stage history, places and texts stay as they are.
    """
    draft = page.get_latest_revision_as_object()
    draft.discontinued_on = on
    draft.discontinued_precision = DatePrecision.MONTH
    draft.discontinued_reason = reason
    draft.discontinued_reason_text = reason_text
    draft.replaced_by = replaced_by
    draft.discontinued_lesson = lesson
    return _save_for_review(page, draft, user)


@transaction.atomic
def resume(page: ExamplePage, user):
    """ "Återuppta": the work goes on again; the "Avslutat" fields are cleared, then reviewed."""
    draft = page.get_latest_revision_as_object()
    draft.resume()
    return _save_for_review(page, draft, user)


def _save_for_review(page: ExamplePage, draft: ExamplePage, user) -> ExamplePage:
    draft.save_revision(user=user, log_action=True, clean=False, changed=True)
    page = ExamplePage.objects.get(pk=page.pk)
    if page.live or page.current_workflow_state is not None:
        send_to_review(page, user)
    return page
