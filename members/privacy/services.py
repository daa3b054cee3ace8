"""A member's rights over their personal data: download it all, and delete the account.

The policy (also in the README, "Personal data", and on the page "Personuppgifter och kakor"):

* **Download** (``export_data``): everything the member has given us — the account (e-mail
  addresses, name, dates), the profile with the dated contact consent, and every example they
  own as they last submitted it (the latest revision, so pending edits are included).
* **Delete** (``delete_account``), in one transaction:

  - Examples that are **published** stay on the site: they belong to the organisation's shared
    knowledge. They lose every trace of the member: the contact person (name, role, e-mail) is
    blanked on the page *and in every revision*, the owner is removed (also inside the
    revisions), and a pending review of the member's unpublished edits is cancelled.
  - Examples that are **not published** (drafts, in review, withdrawn or rejected) are personal
    work in progress and are deleted with their revisions, together with the images and
    documents the member uploaded that no remaining example uses.
  - The user row goes, and with it (by cascade) the profile, allauth's e-mail addresses and
    Wagtail's user profile. Revisions, workflow states and locks point at nobody (Wagtail
    sets those to NULL). Wagtail's log entries have no database constraint on their user
    (``on_delete=DO_NOTHING``), so their user is cleared here explicitly.
  - Every session of the member is deleted, so other logged-in browsers are logged out.
  - After the commit the remaining examples are re-indexed (``search.indexing.record_change``
    queues the change in the transaction and applies it once committed), and the page cache
    for anonymous visitors is purged after the commit (``website.pagecache.purge``) when an
    example stays published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from taggit.models import Tag
from wagtail.actions.delete_page import DeletePageAction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Revision, WorkflowState

from allauth.account.models import EmailAddress

from examples.models import (
    County,
    ExampleAttachment,
    ExamplePage,
    Goal,
    Municipality,
    Stage,
    TargetArea,
    TargetGroup,
)
from members.models import MemberProfile
from members.sharing.moderation import states_for
from members.sharing.services import html_to_text
from search.indexing import record_change
from website import pagecache

CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email")

# Personal data other apps keep about a member (``adoptions``: their reports and contacts;
# ``assessments``: comments, requests, an assessor's forms;
# ``follows``: what they follow and the digests sent to them). Each registers, from its
# AppConfig.ready(), ``export(user) -> JSON-ready value`` (a constant number of queries), put in
# the download under its key, and ``delete(user)``, called inside ``delete_account``'s
# transaction before the user row goes.
_personal_data: dict[str, tuple] = {}


def register_personal_data(key: str, *, export, delete) -> None:
    """``export(user) -> JSON-ready value``; ``delete(user) -> None``."""
    _personal_data[key] = (export, delete)


# Download ------------------------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if value else None


def _stage_label(value):
    try:
        return str(Stage(int(value)).label) if value else None
    except ValueError:
        return None


def _names(model, ids, attr="name"):
    """{pk: label} of the given ids, in one query (none when there are no ids)."""
    ids = {pk for pk in ids if pk}
    if not ids:
        return {}
    return {obj.pk: getattr(obj, attr) for obj in model.objects.filter(pk__in=ids)}


def _body_text(raw) -> list[str]:
    try:
        blocks = json.loads(raw) if isinstance(raw, str) else (raw or [])
    except ValueError:
        return []
    return [
        html_to_text(block["value"])
        for block in blocks
        if isinstance(block, dict) and isinstance(block.get("value"), str) and block["value"]
    ]


def _example_contents(pages) -> dict[int, dict]:
    """Each page's latest revision content (what the member last gave), in one query."""
    revision_ids = [p.latest_revision_id for p in pages if p.latest_revision_id]
    by_id = {r.pk: r.content for r in Revision.objects.filter(pk__in=revision_ids)}
    return {p.pk: by_id.get(p.latest_revision_id) or {} for p in pages}


def export_data(user, request=None) -> dict:
    """All data the member has provided, as plain JSON-ready values; a constant query count."""
    profile = MemberProfile.objects.select_related("county").filter(user=user).first()
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    pages = list(ExamplePage.objects.filter(owner=user).order_by("pk"))
    states = states_for(pages)
    contents = _example_contents(pages)

    def ids(key):
        return {
            pk
            for content in contents.values()
            for pk in (
                content.get(key) if isinstance(content.get(key), list) else [content.get(key)]
            )
            if isinstance(pk, int)
        }

    counties = _names(County, ids("county"))
    municipalities = _names(Municipality, ids("municipalities"))
    target_areas = _names(TargetArea, ids("target_areas"))
    target_groups = _names(TargetGroup, ids("target_groups"))
    goals = _names(Goal, ids("goals"), "text")
    tag_ids = {
        item.get("tag") for content in contents.values() for item in content.get("tagged_items", [])
    }
    tags = _names(Tag, tag_ids)
    images = {
        image.pk: image
        for image in get_image_model().objects.filter(
            pk__in={content.get("cover_image") for content in contents.values()} - {None}
        )
    }
    document_ids = {
        item.get("document")
        for content in contents.values()
        for item in content.get("attachments", [])
    }
    documents = _names(get_document_model(), document_ids, "title")

    examples = []
    for page in pages:
        content = contents[page.pk]
        image = images.get(content.get("cover_image"))
        examples.append(
            {
                "id": page.pk,
                "titel": content.get("title", page.draft_title),
                "status": str(states[page.pk].label),
                "publicerad": page.live,
                "adress": page.get_full_url(request) if page.live else None,
                "forst_publicerad": _iso(page.first_published_at),
                "senast_andrad": _iso(page.latest_revision_created_at),
                "sammanfattning": content.get("summary", ""),
                "beskrivning": _body_text(content.get("body")),
                "lan": counties.get(content.get("county")),
                "kommuner": [
                    municipalities[pk]
                    for pk in content.get("municipalities", [])
                    if pk in municipalities
                ],
                "omraden": [
                    target_areas[pk] for pk in content.get("target_areas", []) if pk in target_areas
                ],
                "malgrupper": [
                    target_groups[pk]
                    for pk in content.get("target_groups", [])
                    if pk in target_groups
                ],
                "mal": [goals[pk] for pk in content.get("goals", []) if pk in goals],
                "taggar": sorted(
                    tags[i["tag"]] for i in content.get("tagged_items", []) if i.get("tag") in tags
                ),
                "steg": _stage_label(content.get("stage")),
                "steghistorik": [
                    {
                        "steg": _stage_label(change.get("stage")),
                        "datum": change.get("date"),
                        "precision": change.get("precision"),
                        "anteckning": change.get("note", ""),
                    }
                    for change in content.get("stage_history", [])
                ],
                "startar": content.get("start_year"),
                "slutar": content.get("end_year"),
                "avslutat": (
                    {
                        "datum": content.get("discontinued_on"),
                        "precision": content.get("discontinued_precision"),
                        "skal": content.get("discontinued_reason", ""),
                        "forklaring": content.get("discontinued_reason_text", ""),
                        "ersatt_av": content.get("replaced_by"),
                        "lardom": content.get("discontinued_lesson", ""),
                    }
                    if content.get("discontinued_on")
                    else None
                ),
                "resultat": html_to_text(content.get("results", "")),
                "lardomar": html_to_text(content.get("lessons", "")),
                "overforbarhet": html_to_text(content.get("transfer", "")),
                "organisationer": [
                    {"namn": o.get("name"), "typ": o.get("kind"), "roll": o.get("role")}
                    for o in content.get("organisations", [])
                ],
                "omslagsbild": (
                    {"titel": image.title, "alternativtext": image.description} if image else None
                ),
                "bilagor": [
                    documents[a["document"]]
                    for a in content.get("attachments", [])
                    if a.get("document") in documents
                ],
                "kontaktperson": {
                    "namn": content.get("contact_name", ""),
                    "roll": content.get("contact_role", ""),
                    "e_post": content.get("contact_email", ""),
                },
            }
        )

    consent_at = profile.contact_consent_at if profile else None
    return {
        "skapad": _iso(timezone.now()),
        "konto": {
            "e_postadresser": [
                {"adress": a.email, "primar": a.primary, "verifierad": a.verified}
                for a in addresses
            ],
            "fornamn": user.first_name,
            "efternamn": user.last_name,
            "gick_med": _iso(user.date_joined),
            "senast_inloggad": _iso(user.last_login),
        },
        "profil": {
            "organisation": profile.organisation if profile else "",
            "roll_eller_titel": profile.title if profile else "",
            "lan": profile.county.name if profile and profile.county else None,
        },
        "samtycken": {
            "visa_kontaktuppgifter": {"samtycke": consent_at is not None, "datum": _iso(consent_at)}
        },
        "exempel": examples,
        **{key: export(user) for key, (export, _delete) in sorted(_personal_data.items())},
    }


# Delete --------------------------------------------------------------------------------------


@dataclass
class Deletion:
    kept_page_ids: list[int] = field(default_factory=list)
    deleted_page_ids: list[int] = field(default_factory=list)
    sessions: int = 0


def session_keys_of(user) -> list[str]:
    """The keys of every stored session logged in as ``user``.

    Works for the database-backed engines (db, cached_db). A cache-only engine cannot list its
    sessions; there the member's other sessions end when Django finds their user gone (the
    session's auth hash no longer matches any user, so ``get_user`` returns an anonymous user).
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return []
    model = store_class.get_model_class()
    keys = []
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            keys.append(session.session_key)
    return keys


def _scrub_content(content: dict, user_id) -> dict:
    content = dict(content)
    for name in CONTACT_FIELDS:
        if name in content:
            content[name] = ""
    content["owner"] = None
    if content.get("locked_by") == user_id:
        content["locked_by"] = None
        content["locked"] = False
    if isinstance(content.get("wagtail_admin_comments"), list):
        content["wagtail_admin_comments"] = [
            c for c in content["wagtail_admin_comments"] if c.get("user") != user_id
        ]
    return content


def _revisions_of(page_ids):
    return Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in page_ids],
    )


def _used_media(page_ids) -> tuple[set[int], set[int]]:
    """Image and document ids used by these pages, live or in any of their revisions."""
    pages = ExamplePage.objects.filter(pk__in=page_ids)
    images = set(pages.exclude(cover_image=None).values_list("cover_image_id", flat=True))
    documents = set(
        ExampleAttachment.objects.filter(page__in=page_ids).values_list("document_id", flat=True)
    )
    for content in _revisions_of(page_ids).values_list("content", flat=True):
        images.add(content.get("cover_image"))
        documents.update(a.get("document") for a in content.get("attachments", []))
    return images - {None}, documents - {None}


@transaction.atomic
def delete_account(user) -> Deletion:
    """Delete the member and their personal data; keep their published examples, anonymised."""
    result = Deletion()
    pages = list(ExamplePage.objects.filter(owner=user).order_by("-depth", "pk"))
    kept = [page for page in pages if page.live]
    drafts = [page for page in pages if not page.live]
    result.kept_page_ids = [page.pk for page in kept]
    result.deleted_page_ids = [page.pk for page in drafts]

    # Published examples: stay, without the member.
    for page in kept:
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=None)
    ExamplePage.objects.filter(pk__in=result.kept_page_ids).update(
        **dict.fromkeys(CONTACT_FIELDS, "")
    )
    Page.objects.filter(pk__in=result.kept_page_ids).update(owner=None)
    revisions = list(_revisions_of(result.kept_page_ids))
    for revision in revisions:
        revision.content = _scrub_content(revision.content, user.pk)
        if revision.user_id == user.pk:
            revision.user = None
    Revision.objects.bulk_update(revisions, ["content", "user"], batch_size=200)

    # Unpublished work in progress: deleted, with media only it used.
    for page in drafts:
        DeletePageAction(page, user=None).execute(skip_permission_checks=True)
    used_images, used_documents = _used_media(result.kept_page_ids)
    get_image_model().objects.filter(uploaded_by_user=user).exclude(pk__in=used_images).delete()
    get_document_model().objects.filter(uploaded_by_user=user).exclude(
        pk__in=used_documents
    ).delete()

    # Links to the user that the database would not clear by itself.
    Revision.objects.filter(user=user).update(user=None)
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
    WorkflowState.objects.filter(requested_by=user).update(requested_by=None)
    for log_model in log_registry.get_log_entry_models():
        log_model.objects.filter(user_id=user.pk).update(user=None)

    # What other apps keep about the member.
    for _export, delete in _personal_data.values():
        delete(user)

    # Sessions, then the user (cascading to profile, e-mail addresses, Wagtail's user profile).
    session_keys = session_keys_of(user)
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    for key in session_keys:
        store_class(session_key=key).delete()
    result.sessions = len(session_keys)
    user.delete()

    # After the commit: the kept examples are indexed again (nothing personal is indexed, but
    # the documents are rebuilt from the anonymised pages), and every cached page is purged, so
    # no visitor is served a page that still shows the member as contact person. A member
    # without published examples showed nowhere: nothing to purge (deleted drafts purge
    # through their own delete signal).
    record_change(result.kept_page_ids, "member deleted")
    if kept:
        pagecache.purge()
    return result
