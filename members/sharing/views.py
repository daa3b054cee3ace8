"""The member's own pages: "Dela med dig" (new and edit), "Mina exempel", withdraw, new stage,
"Markera som avslutat" and "Återuppta".

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
from members.sharing.forms import (
    DiscontinueForm,
    OrganisationFormSet,
    ShareExampleForm,
    StageForm,
)
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


def latest_discontinued(page) -> bool:
    """Whether the latest revision (live or waiting for review) marks the work "Avslutat":
    read from the revision fetched with the page, so the list costs no query per example."""
    if page.latest_revision is None:
        return page.discontinued_on is not None
    return bool(page.latest_revision.content.get("discontinued_on"))


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
            "discontinued": latest_discontinued(p),
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


def discontinue_initial(page) -> dict:
    """The form's values from the latest revision when it is already marked "Avslutat"."""
    latest = page.get_latest_revision_as_object()
    if not latest.discontinued_on:
        return {}
    return {
        "month": latest.discontinued_on.month,
        "year": latest.discontinued_on.year,
        "reason": latest.discontinued_reason,
        "reason_text": latest.discontinued_reason_text,
        "replaced_by_url": latest.replaced_by.url if latest.replaced_by else "",
        "lesson": latest.discontinued_lesson,
    }


@login_required
@require_http_methods(["GET", "POST"])
def discontinue(request, page_id):
    """ "Markera som avslutat": the guided form, then a confirmation of what will show.

    Nothing is stored until the member confirms; "Ändra" on the confirmation brings the form
    back with everything typed. The mark is reviewed like a new stage before it shows.
    """
    page = get_object_or_404(ExamplePage, pk=page_id, owner=request.user)
    if request.method != "POST":
        form = DiscontinueForm(initial=discontinue_initial(page), page=page)
        return render(request, "members/discontinue.html", {"example": page, "form": form})
    if over_submission_limit(request):
        return too_many_requests(request)
    form = DiscontinueForm(request.POST, page=page)
    if not form.is_valid():
        return render(
            request, "members/discontinue.html", {"example": page, "form": form}, status=400
        )
    if "confirm" not in request.POST:
        template = "members/discontinue.html" if "edit" in request.POST else None
        return render(
            request,
            template or "members/discontinue_confirm.html",
            {"example": page, "form": form, "data": form.cleaned_data},
        )
    data = form.cleaned_data
    services.discontinue(
        page,
        request.user,
        on=data["date"],
        reason=data["reason"],
        reason_text=data["reason_text"],
        replaced_by=data["replaced_by_url"],
        lesson=data["lesson"],
    )
    messages.success(
        request,
        _("”%(title)s” är markerat som avslutat och skickat för granskning.")
        % {"title": page.draft_title},
    )
    return redirect("my_examples")


@login_required
@require_http_methods(["GET", "POST"])
def resume(request, page_id):
    """ "Återuppta": the work goes on again. Reviewed like any change before it shows."""
    page = get_object_or_404(
        ExamplePage.objects.select_related("latest_revision"), pk=page_id, owner=request.user
    )
    discontinued = latest_discontinued(page)
    if request.method == "POST":
        if over_submission_limit(request):
            return too_many_requests(request)
        if discontinued:
            services.resume(page, request.user)
            messages.success(
                request,
                _("”%(title)s” är återupptaget och skickat för granskning.")
                % {"title": page.draft_title},
            )
        else:
            messages.info(
                request,
                _("”%(title)s” är inte markerat som avslutat.") % {"title": page.draft_title},
            )
        return redirect("my_examples")
    return render(request, "members/resume.html", {"example": page, "discontinued": discontinued})
