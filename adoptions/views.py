"""Members' pages: report an adoption, "Mina införanden", a new stage, withdraw; and for an
example's owner, the places it has spread to inside their own organisation.

Only signed-in members. A report is made from a live, public example the member does not own
(the owner records spread places instead). Another member's adoption or example answers 404,
exactly like one that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from adoptions import services
from adoptions.forms import AdoptionForm, AdoptionStageForm, SpreadPlaceForm
from adoptions.models import Adoption, SpreadPlace
from examples.listing import live_examples
from examples.models import ExamplePage, Stage
from members.models import MemberProfile
from members.sharing.views import over_submission_limit, too_many_requests

OPEN_STATUSES = (Adoption.Status.SUBMITTED, Adoption.Status.PUBLISHED)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, page_id):
    """ "Vi har också infört detta" for a live, public example of someone else."""
    example = get_object_or_404(live_examples().select_related("owner"), pk=page_id)
    if example.owner_id == request.user.pk:
        return render(request, "adoptions/own_example.html", {"example": example}, status=403)
    if request.method == "POST":
        if over_submission_limit(request):
            return too_many_requests(request)
        form = AdoptionForm(request.POST, example=example)
        if form.is_valid():
            services.submit(example, request.user, form.cleaned_data)
            messages.success(
                request,
                _("Tack! Er rapport om ”%(title)s” är skickad för granskning.")
                % {"title": example.title},
            )
            return redirect("my_adoptions")
        status = 400
    else:
        profile = MemberProfile.objects.filter(user=request.user).first()
        initial = {
            "organisation": profile.organisation if profile else "",
            "contact_name": request.user.get_full_name(),
            "contact_email": request.user.email,
        }
        form = AdoptionForm(initial=initial, example=example)
        status = 200
    return render(
        request,
        "adoptions/report_form.html",
        {"form": form, "example": example, "stages": list(Stage)},
        status=status,
    )


@login_required
def my_adoptions(request):
    """The member's reports with their state, and the examples whose spread they record."""
    adoptions = list(
        Adoption.objects.filter(reporter=request.user)
        .select_related("example", "municipality", "county")
        .order_by("-created_at", "-pk")
    )
    own_examples = list(
        ExamplePage.objects.filter(owner=request.user).order_by("title").only("pk", "title")
    )
    return render(
        request,
        "adoptions/my_adoptions.html",
        {"adoptions": adoptions, "own_examples": own_examples},
    )


def own_adoption(request, adoption_id):
    return get_object_or_404(
        Adoption.objects.select_related("example"),
        pk=adoption_id,
        reporter=request.user,
        status__in=OPEN_STATUSES,
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_stage(request, adoption_id):
    adoption = own_adoption(request, adoption_id)
    latest = max(adoption.stage_history.all(), key=lambda c: (c.date, c.pk), default=None)
    form = AdoptionStageForm(
        request.POST if request.method == "POST" else None,
        initial={"stage": adoption.stage},
        latest_change=latest,
    )
    if request.method == "POST":
        if over_submission_limit(request):
            return too_many_requests(request)
        if form.is_valid():
            data = form.cleaned_data
            services.update_stage(
                adoption, data["stage"], on=data["date"], precision="month", note=data["note"]
            )
            messages.success(request, _("Det nya steget är sparat."))
            return redirect("my_adoptions")
    return render(
        request,
        "adoptions/new_stage.html",
        {"adoption": adoption, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, adoption_id):
    adoption = own_adoption(request, adoption_id)
    if request.method == "POST":
        services.withdraw(adoption)
        messages.success(
            request,
            _("Er rapport om ”%(title)s” är återkallad.") % {"title": adoption.example.title},
        )
        return redirect("my_adoptions")
    return render(request, "adoptions/withdraw.html", {"adoption": adoption})


def owned_example(request, page_id):
    return get_object_or_404(ExamplePage, pk=page_id, owner=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def spread_places(request, page_id):
    """The owner's list of places inside their own organisation, and a form to add one."""
    example = owned_example(request, page_id)
    form = SpreadPlaceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if over_submission_limit(request):
            return too_many_requests(request)
        if form.is_valid():
            place = services.add_spread_place(example, form.place_data())
            messages.success(request, _("%(place)s är tillagd.") % {"place": place.label})
            return redirect("spread_places", page_id=example.pk)
    places = list(
        SpreadPlace.objects.filter(example=example)
        .select_related("municipality", "county")
        .order_by("date", "pk")
    )
    return render(
        request,
        "adoptions/spread_places.html",
        {"example": example, "form": form, "places": places},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_spread_place(request, page_id, place_id):
    example = owned_example(request, page_id)
    place = get_object_or_404(
        SpreadPlace.objects.select_related("municipality", "county", "example"),
        pk=place_id,
        example=example,
    )
    if request.method == "POST":
        label = place.label
        services.remove_spread_place(place)
        messages.success(request, _("%(place)s är borttagen.") % {"place": label})
        return redirect("spread_places", page_id=example.pk)
    return render(
        request, "adoptions/remove_spread_place.html", {"example": example, "place": place}
    )
