"""The member's own pages: "Dela med dig" (new and edit), "Mina exempel", withdraw, new stage.

Every view is for logged-in members only and finds pages by ``owner=request.user``, so
another member's example answers 404, exactly like one that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from examples.models import ExamplePage, GoalArea, Stage
from members.sharing import extras, services
from members.sharing.forms import OrganisationFormSet, ShareExampleForm, StageForm
from members.sharing.moderation import states_for

SUBMISSIONS_PER_HOUR = 30


def over_submission_limit(request) -> bool:
    """At most SUBMISSIONS_PER_HOUR form posts a member per hour (cache-backed: Redis in production)."""
    key = f"share-posts:{request.user.pk}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > SUBMISSIONS_PER_HOUR


def too_many_requests(request):
    return render(request, "members/too_many.html", status=429)


def goal_groups(form):
    """The goal checkboxes grouped under their goal area, in the strategy's order."""
    area_of = {goal.pk: goal.area_id for goal in form.fields["goals"].queryset}
    widgets = list(form["goals"])
    return [
        (area, [w for w in widgets if area_of.get(int(str(w.data["value"]))) == area.pk])
        for area in GoalArea.objects.order_by("sort_order")
    ]


def organisation_initial(page):
    return [{"name": o.name, "kind": o.kind, "role": o.role} for o in page.organisations.all()]


@login_required
@require_http_methods(["GET", "POST"])
def share(request, page_id=None):
    page = get_object_or_404(ExamplePage, pk=page_id, owner=request.user) if page_id else None
    latest = page.get_latest_revision_as_object() if page else None
    existing_image = latest.cover_image if latest else None
    existing_attachments = list(latest.attachments.all()) if latest else []
    if request.method == "POST":
        if over_submission_limit(request):
            return too_many_requests(request)
        submit = "submit" in request.POST
        form = ShareExampleForm(
            request.POST,
            request.FILES,
            user=request.user,
            existing_image=existing_image,
            existing_attachments=existing_attachments,
        )
        organisations = OrganisationFormSet(request.POST, prefix="org")
        if not submit:
            form.defer_required_fields()
        if form.is_valid() and organisations.is_valid():
            page = services.save_example(
                request.user, form, organisations.cleaned_data, page=page, submit=submit
            )
            if submit:
                messages.success(
                    request,
                    _("Tack! ”%(title)s” är skickat för granskning.") % {"title": page.draft_title},
                )
            else:
                messages.success(
                    request, _("Utkastet ”%(title)s” är sparat.") % {"title": page.draft_title}
                )
            return redirect("my_examples")
        form.keep_uploads()
        status = 400
    else:
        if latest:
            initial, _latest = services.initial_from_page(page)
            form = ShareExampleForm(
                initial=initial,
                user=request.user,
                existing_image=existing_image,
                existing_attachments=existing_attachments,
            )
            form.stored_image = existing_image
            organisations = OrganisationFormSet(prefix="org", initial=organisation_initial(latest))
        else:
            form = ShareExampleForm(user=request.user)
            organisations = OrganisationFormSet(prefix="org")
        form.keep_uploads()
        status = 200
    context = {
        "form": form,
        "organisations": organisations,
        "goal_groups": goal_groups(form),
        "page": None,
        "example": page,
        "stages": list(Stage),
    }
    return render(request, "members/share_form.html", context, status=status)


def pending_stage(page, state):
    """The step a member has reported that waits for review, if it differs from the live one.

    Read from the latest revision's stored content (fetched with the page), so the list costs
    no query per example."""
    if not page.live or state.key != "changes_in_review" or page.latest_revision is None:
        return None
    stage = page.latest_revision.content.get("stage")
    return stage if stage and stage != page.stage else None


@login_required
def my_examples(request):
    pages = list(
        ExamplePage.objects.filter(owner=request.user)
        .select_related("county", "latest_revision")
        .order_by("-latest_revision_created_at")
    )
    states = states_for(pages)
    notes = extras.notes_for(pages)
    rows = [
        {
            "page": p,
            "state": states[p.pk],
            "pending_stage": pending_stage(p, states[p.pk]),
            "notes": notes.get(p.pk, []),
        }
        for p in pages
    ]
    return render(request, "members/my_examples.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, page_id):
    page = get_object_or_404(ExamplePage, pk=page_id, owner=request.user)
    if request.method == "POST":
        services.withdraw(page, request.user)
        messages.success(request, _("”%(title)s” är återkallat.") % {"title": page.draft_title})
        return redirect("my_examples")
    return render(request, "members/withdraw.html", {"example": page})


@login_required
@require_http_methods(["GET", "POST"])
def new_stage(request, page_id):
    page = get_object_or_404(ExamplePage, pk=page_id, owner=request.user)
    latest = page.get_latest_revision_as_object()
    form = StageForm(
        request.POST or None,
        initial={"stage": latest.stage},
        latest_change=latest.latest_stage_change,
    )
    if request.method == "POST":
        if over_submission_limit(request):
            return too_many_requests(request)
        if form.is_valid():
            data = form.cleaned_data
            services.update_stage(
                page, request.user, data["stage"], on=data["date"], note=data["note"]
            )
            messages.success(request, _("Det nya steget är sparat och skickat för granskning."))
            return redirect("my_examples")
    return render(
        request,
        "members/new_stage.html",
        {"example": page, "form": form},
        status=400 if form.errors else 200,
    )
