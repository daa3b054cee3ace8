"""The member's adoptions in their data download, and what deleting the account does to them.

Deletion follows the policy for examples (``members/privacy/services.py``): a **published**
report stays, because it is the organisation's knowledge of where the work runs, but loses
every trace of the person: the reporter link, the contact name and e-mail and the consent's
date. Reports that are **not published** (waiting, rejected, withdrawn) are the member's own
unfinished business and are deleted with their stage history. Spread places hold no personal
data (they belong to the example).
"""

from __future__ import annotations

from adoptions.models import Adoption
from website import pagecache


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> list[dict]:
    adoptions = (
        Adoption.objects.filter(reporter=user)
        .select_related("example", "municipality", "county")
        .prefetch_related("stage_history")
        .order_by("pk")
    )
    return [
        {
            "id": a.pk,
            "exempel": a.example.title,
            "status": str(a.get_status_display()),
            "organisation": a.organisation,
            "typ_av_organisation": a.organisation_kind,
            "kommun": a.municipality.name if a.municipality else None,
            "lan": a.county.name if a.county else None,
            "startade": _iso(a.started_on),
            "precision": a.started_precision,
            "steg": a.stage,
            "steghistorik": [
                {
                    "steg": c.stage,
                    "datum": _iso(c.date),
                    "precision": c.precision,
                    "anteckning": c.note,
                }
                for c in a.timeline()
            ],
            "lokala_anpassningar": a.local_changes,
            "lardomar": a.lessons,
            "kontaktperson": {"namn": a.contact_name, "e_post": a.contact_email},
            "samtycke_till_kontakt": {
                "samtycke": a.contact_consent_at is not None,
                "datum": _iso(a.contact_consent_at),
            },
            "skickad": _iso(a.created_at),
            "redaktorens_meddelande": a.review_message,
        }
        for a in adoptions
    ]


def delete(user) -> None:
    mine = Adoption.objects.filter(reporter=user)
    published = mine.filter(status=Adoption.Status.PUBLISHED)
    shown = published.exists()
    published.update(reporter=None, contact_name="", contact_email="", contact_consent_at=None)
    mine.exclude(status=Adoption.Status.PUBLISHED).delete()
    if shown:
        pagecache.purge()
