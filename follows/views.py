"""Following, confirming, managing and unsubscribing.

Every page works without JavaScript and without logging in: a visitor's links carry their
subscriber's token (manage, confirm, unsubscribe all) or the follow's token (unsubscribe one),
32 random bytes each (``secrets.token_urlsafe``). An unknown token answers 404, like a page that
does not exist. No answer is cached (``never_cache``: neither the anonymous page cache nor a
browser keeps these token pages). The unsubscribe views take the POST of RFC 8058's one-click
unsubscribe, which a mail program sends without a CSRF token and without cookies.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from follows import mails, targets
from follows.forms import ManageForm, NewFollowForm
from follows.models import MAX_FOLLOWS_PER_SUBSCRIBER, Digest, Follow, Subscriber
from website.ratelimit import hit, too_many_requests


def _subscriber_for_address(email):
    subscriber = Subscriber.objects.filter(user__isnull=True, email=email).first()
    if subscriber:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email)
    except IntegrityError:  # created at the same moment by another request
        return Subscriber.objects.get(user__isnull=True, email=email)


@never_cache
@require_http_methods(["GET", "POST"])
def new_follow(request):
    data = request.POST if request.method == "POST" else request.GET
    target = targets.resolve(data)
    if target is None:
        raise Http404
    member = request.user.is_authenticated
    if request.method == "GET":
        form = NewFollowForm(initial={"name": target.name}, with_email=not member)
        return render(request, "follows/new.html", {"form": form, "target": target})

    wait = hit(request, "follow")
    if wait is not None:
        return too_many_requests(request, wait)
    form = NewFollowForm(request.POST, with_email=not member)
    if not form.is_valid():
        return render(request, "follows/new.html", {"form": form, "target": target}, status=400)
    with transaction.atomic():
        if member:
            subscriber, _created = Subscriber.objects.get_or_create(user=request.user)
        else:
            subscriber = _subscriber_for_address(form.cleaned_data["email"])
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        follow = subscriber.follows.filter(kind=target.kind, target=target.target).first()
        if follow is None:
            if subscriber.follows.count() >= MAX_FOLLOWS_PER_SUBSCRIBER:
                form.add_error(
                    None,
                    _("Du kan ha högst %(n)s bevakningar. Ta bort någon först.")
                    % {"n": MAX_FOLLOWS_PER_SUBSCRIBER},
                )
                return render(
                    request, "follows/new.html", {"form": form, "target": target}, status=400
                )
            now = timezone.now()
            follow = Follow.objects.create(
                subscriber=subscriber,
                kind=target.kind,
                target=target.target,
                url=target.url,
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
                confirmed_at=now if member else None,
                seen_until=now,
            )
        if member:
            messages.success(request, _("Du bevakar nu ”%(name)s”.") % {"name": follow.name})
            return redirect("follows_mine")
        if follow.confirmed_at is None and subscriber.may_send_confirmation():
            subscriber.confirmation_sent_at = timezone.now()
            subscriber.save(update_fields=["confirmation_sent_at"])
            mails.send_confirmation(subscriber, follow)
    # The same answer whatever the address's history: nobody learns who follows what.
    return render(request, "follows/check_mail.html", {"target": target})


TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _token(token: str) -> str:
    """The token if it could be one (never a NUL byte PostgreSQL would refuse), else ``""``."""
    return token if TOKEN_RE.match(token or "") else ""


def _subscriber_or_404(token):
    if not _token(token):
        raise Http404
    return get_object_or_404(Subscriber, token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = _subscriber_or_404(token)
    pending = subscriber.follows.filter(confirmed_at__isnull=True).order_by("created_at")
    if request.method == "POST":
        now = timezone.now()
        pending.update(confirmed_at=now, seen_until=now)
        messages.success(request, _("Tack! Din bevakning är bekräftad."))
        return redirect("follows_manage", token=subscriber.token)
    return render(
        request, "follows/confirm.html", {"pending": list(pending), "subscriber": subscriber}
    )


def _manage(request, subscriber, action_url):
    follows = list(subscriber.follows.order_by("created_at", "pk")) if subscriber else []
    forms = {
        f.pk: ManageForm(
            prefix=f"f{f.pk}",
            initial={"name": f.name, "frequency": f.frequency, "paused": f.paused},
        )
        for f in follows
    }
    status = 200
    if request.method == "POST":
        try:
            pk = int(request.POST.get("bevakning", ""))
        except ValueError:
            pk = None
        follow = next((f for f in follows if f.pk == pk), None)
        if follow is None:
            raise Http404
        if request.POST.get("atgard") == "ta-bort":
            follow.delete()
            messages.success(
                request, _("Bevakningen ”%(name)s” är borttagen.") % {"name": follow.name}
            )
            return redirect(action_url)
        form = ManageForm(request.POST, prefix=f"f{follow.pk}")
        if form.is_valid():
            resumed = follow.paused and not form.cleaned_data["paused"]
            follow.name = form.cleaned_data["name"]
            follow.frequency = form.cleaned_data["frequency"]
            follow.paused = form.cleaned_data["paused"]
            fields = ["name", "frequency", "paused"]
            if resumed:  # news from the pause is not sent afterwards
                follow.seen_until = timezone.now()
                fields.append("seen_until")
            follow.save(update_fields=fields)
            messages.success(
                request, _("Ändringarna i ”%(name)s” är sparade.") % {"name": follow.name}
            )
            return redirect(action_url)
        forms[follow.pk] = form
        status = 400
    rows = [(f, forms[f.pk]) for f in follows]
    return render(
        request,
        "follows/manage.html",
        {"rows": rows, "subscriber": subscriber, "action_url": action_url},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = _subscriber_or_404(token)
    return _manage(request, subscriber, reverse("follows_manage", args=[subscriber.token]))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    subscriber = Subscriber.objects.filter(user=request.user).first()
    return _manage(request, subscriber, reverse("follows_mine"))


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One follow. GET asks (a mail scanner following links must not unsubscribe anyone);
    POST removes it, also the one-click POST of RFC 8058, and again without an error."""
    follow = (
        Follow.objects.select_related("subscriber").filter(token=_token(token)).first()
        if _token(token)
        else None
    )
    if request.method == "GET":
        if follow is None:
            raise Http404
        return render(request, "follows/unsubscribe.html", {"follow": follow})
    subscriber = follow.subscriber if follow else None
    if follow:
        follow.delete()
    return render(request, "follows/unsubscribed.html", {"subscriber": subscriber, "all": False})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_all(request, token):
    subscriber = Subscriber.objects.filter(token=_token(token)).first() if _token(token) else None
    if request.method == "GET":
        if subscriber is None:
            raise Http404
        return render(request, "follows/unsubscribe_all.html", {"subscriber": subscriber})
    if subscriber:
        with transaction.atomic():
            subscriber.follows.all().delete()
            Digest.objects.filter(subscriber=subscriber, sent_at__isnull=True).delete()
    return render(request, "follows/unsubscribed.html", {"subscriber": None, "all": True})
