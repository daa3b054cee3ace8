"""Where ``follows`` plugs into the other apps: the "Bevaka" link on the example page and on the
county, goal, seminar and search pages (``examples.extensions``), and the member's personal data
(``members.privacy.services``)."""

from django.db.models import Q

from follows.models import Digest, Follow, Subscriber
from follows.targets import new_follow_url
from search.backends.base import SearchParams
from search.forms import to_query_string


def example_context(page, request):
    """The link on an example page; none in a preview or on a draft. No query."""
    if not page.pk or getattr(request, "is_preview", False) or not page.live:
        return None
    return {"url": new_follow_url(Follow.Kind.EXAMPLE, id=page.pk)}


def page_context(kind, obj, request):
    """The link on a county, goal, seminar or search page. No query."""
    if kind == "search":
        params = SearchParams(obj.query, obj.filters)
        return {
            "url": new_follow_url(Follow.Kind.SEARCH, sokning=to_query_string(params)),
            "kind": kind,
        }
    if kind == "seminar":
        if not obj.pk or getattr(request, "is_preview", False) or not obj.live:
            return None
        return {"url": new_follow_url(Follow.Kind.SEMINAR, id=obj.pk), "kind": kind}
    return {"url": new_follow_url(kind, id=obj.slug), "kind": kind}


def _subscribers_of(user):
    """The member's own follows and those of a visitor's address that is one of theirs."""
    from allauth.account.models import EmailAddress

    addresses = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) | (
        {user.email} if user.email else set()
    )
    lowered = {address.lower() for address in addresses}
    return Subscriber.objects.filter(
        Q(user=user) | Q(user__isnull=True, email__in=lowered | addresses)
    )


def export_follows(user):
    subscribers = _subscribers_of(user)
    follows = Follow.objects.filter(subscriber__in=subscribers).select_related("subscriber")
    sent = Digest.objects.filter(subscriber__in=subscribers).order_by("created_at", "pk")
    return {
        "bevakningar": _follows_data(follows),
        "sammanfattningar": [
            {
                "skapad": digest.created_at.isoformat(),
                "skickad": digest.sent_at.isoformat() if digest.sent_at else None,
                "innehall": digest.groups,
            }
            for digest in sent
        ],
    }


def _follows_data(follows):
    return [
        {
            "namn": follow.name,
            "typ": follow.get_kind_display(),
            "vad": follow.url,
            "hur_ofta": follow.get_frequency_display(),
            "pausad": follow.paused,
            "e_post": follow.subscriber.email or None,
            "skapad": follow.created_at.isoformat(),
            "bekraftad": follow.confirmed_at.isoformat() if follow.confirmed_at else None,
            "senaste_sammanfattning": follow.last_digest_at.isoformat()
            if follow.last_digest_at
            else None,
        }
        for follow in follows.order_by("created_at", "pk")
    ]


def delete_follows(user):
    _subscribers_of(user).delete()


def register_privacy():
    from members.privacy import services

    services.register_personal_data("bevakningar", export=export_follows, delete=delete_follows)
