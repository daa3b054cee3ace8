"""The assessment pages: the public criteria, the assessors' tasks, the editors' queue and
publishing, and the owner's view of their example's assessment.

Staff pages need the permission (``access.staff_only``: 404 without it, the TOTP step as in the
admin); an assessor sees only their own tasks, and the other assessor's answers only once every
assessor has handed in. The owner's page finds the example by ``owner=request.user``, so another
member's example answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.access import ASSESS, MANAGE, staff_only
from assessments.forms import AssignForm, CommentForm, CriteriaForm, RequestForm
from assessments.models import Answer, Assessment, Assignment, Comment, CriteriaVersion
from examples.models import ExamplePage

Status = Assessment.Status
POSTS_PER_HOUR = 30


def _over_limit(request) -> bool:
    from members.sharing.views import over_submission_limit

    return over_submission_limit(request)


def _too_many(request):
    return render(request, "members/too_many.html", status=429)


# Public ------------------------------------------------------------------------------------


def criteria(request, number=None):
    versions = list(CriteriaVersion.objects.published().order_by("-number"))
    if not versions:
        raise Http404
    if number is None:
        version = versions[0]
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404
    return render(
        request,
        "assessments/criteria.html",
        {
            "version": version,
            "groups": version.grouped(version.criteria.order_by("sort_order")),
            "versions": versions,
            "is_current": version == versions[0],
        },
    )


# Assessors ----------------------------------------------------------------------------------


def _comments():
    return Prefetch("comments", queryset=Comment.objects.select_related("author"))


@staff_only(ASSESS)
def tasks(request):
    assignments = list(
        Assignment.objects.filter(assessor=request.user)
        .exclude(assessment__status=Status.CANCELLED)
        .select_related("assessment__example", "assessment__criteria_version")
        .order_by("submitted_at", "-assessment__assigned_at")
    )
    return render(request, "assessments/tasks.html", {"assignments": assignments})


def _answers_of(assignment):
    return {a.criterion_id: a for a in assignment.answers.all()}


@staff_only(ASSESS)
@require_http_methods(["GET", "POST"])
def task(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "assessment__example", "assessment__criteria_version"
        ).exclude(assessment__status=Status.CANCELLED),
        pk=pk,
        assessor=request.user,
    )
    assessment = assignment.assessment
    criteria = list(assessment.criteria_version.criteria.order_by("sort_order"))
    form = None
    comment_form = CommentForm()
    status = 200
    if request.method == "POST":
        if _over_limit(request):
            return _too_many(request)
        if request.POST.get("action") == "comment":
            comment_form = CommentForm(request.POST)
            if comment_form.is_valid():
                services.add_comment(assessment, request.user, comment_form.cleaned_data["text"])
                messages.success(request, "Kommentaren är sparad.")
                return redirect("assessment_task", pk=assignment.pk)
            status = 400
        elif assignment.submitted_at is None:
            form = CriteriaForm(request.POST, criteria=criteria)
            if form.is_valid():
                try:
                    services.submit_answers(
                        assignment,
                        form.answers(),
                        form.cleaned_data["summary"],
                        form.cleaned_data["internal_note"],
                    )
                except services.WorkflowError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, "Tack! Din bedömning är inlämnad.")
                return redirect("assessment_task", pk=assignment.pk)
            status = 400
    if assignment.submitted_at is None and form is None:
        form = CriteriaForm(criteria=criteria)
    all_in = assessment.status in (Status.READY, Status.PUBLISHED)
    others = []
    if all_in:
        others = list(
            assessment.assignments.exclude(pk=assignment.pk)
            .select_related("assessor")
            .prefetch_related("answers")
        )
    return render(
        request,
        "assessments/task.html",
        {
            "assignment": assignment,
            "assessment": assessment,
            "example": assessment.example,
            "form": form,
            "comment_form": comment_form,
            "own": _table(criteria, [assignment]) if assignment.submitted_at else None,
            "own_assignments": [assignment],
            "others": _table(criteria, others) if others else None,
            "other_assignments": others,
            "comments": list(assessment.comments.select_related("author")),
            "all_in": all_in,
        },
        status=status,
    )


def _table(criteria, assignments):
    """[(criterion, [answer or None per assignment]), …]."""
    answers = [_answers_of(a) for a in assignments]
    return [(c, [a.get(c.pk) for a in answers]) for c in criteria]


# Editors ------------------------------------------------------------------------------------


@staff_only(MANAGE)
@require_http_methods(["GET", "POST"])
def queue(request):
    if request.method == "POST":
        example = ExamplePage.objects.live().filter(pk=_int(request.POST.get("example"))).first()
        if example is None:
            messages.error(request, "Välj ett publicerat exempel.")
            return redirect("assessment_queue")
        try:
            assessment = services.request_assessment(example, request.user)
        except services.WorkflowError as error:
            messages.error(request, str(error))
            return redirect("assessment_queue")
        return redirect("assessment_manage", pk=assessment.pk)
    open_ones = list(
        Assessment.objects.open()
        .select_related("example", "requested_by")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("assessor"))
        )
        .order_by("created_at")
    )
    published = list(
        Assessment.objects.published()
        .select_related("example", "criteria_version")
        .order_by("-published_at")[:20]
    )
    examples = list(ExamplePage.objects.live().order_by("title").only("pk", "title"))
    return render(
        request,
        "assessments/queue.html",
        {"open": open_ones, "published": published, "examples": examples},
    )


def _int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _managed(pk):
    return get_object_or_404(
        Assessment.objects.select_related("example", "criteria_version", "requested_by"), pk=pk
    )


@staff_only(MANAGE)
@require_http_methods(["GET", "POST"])
def manage(request, pk):
    assessment = _managed(pk)
    assessors = services.assessors()
    assigned = list(assessment.assignments.select_related("assessor").prefetch_related("answers"))
    assign_form = AssignForm(
        assessors=assessors, initial={"assessors": [a.assessor_id for a in assigned]}
    )
    comment_form = CommentForm()
    status = 200
    if request.method == "POST":
        if _over_limit(request):
            return _too_many(request)
        action = request.POST.get("action")
        if action == "assign":
            assign_form = AssignForm(request.POST, assessors=assessors)
            if assign_form.is_valid():
                try:
                    services.assign(assessment, assign_form.cleaned_data["assessors"])
                except services.WorkflowError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, "Bedömarna är tilldelade.")
                return redirect("assessment_manage", pk=assessment.pk)
            status = 400
        elif action == "comment":
            comment_form = CommentForm(request.POST)
            if comment_form.is_valid():
                services.add_comment(assessment, request.user, comment_form.cleaned_data["text"])
                messages.success(request, "Kommentaren är sparad.")
                return redirect("assessment_manage", pk=assessment.pk)
            status = 400
        elif action == "cancel":
            try:
                services.cancel(assessment)
            except services.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Bedömningen är avbruten.")
            return redirect("assessment_queue")
        else:
            status = 400
    criteria = (
        list(assessment.criteria_version.criteria.order_by("sort_order"))
        if assessment.criteria_version
        else []
    )
    submitted = [a for a in assigned if a.submitted_at]
    return render(
        request,
        "assessments/manage.html",
        {
            "assessment": assessment,
            "example": assessment.example,
            "assigned": assigned,
            "submitted": submitted,
            "table": _table(criteria, submitted) if submitted else None,
            "assign_form": assign_form,
            "comment_form": comment_form,
            "comments": list(assessment.comments.select_related("author")),
            "can_assign": assessment.status in (Status.REQUESTED, Status.ASSIGNED),
            "changed": services.example_changed_since(assessment, assessment.example),
        },
        status=status,
    )


def _agreed_initial(criteria, assignments):
    """Where every assessor gave the same result, it is the form's starting point."""
    answers = [_answers_of(a) for a in assignments]
    initial = {}
    for c in criteria:
        given = [a.get(c.pk) for a in answers]
        if given and all(g is not None for g in given):
            if len({g.result for g in given}) == 1:
                initial[f"result_{c.pk}"] = given[0].result
            initial[f"motivation_{c.pk}"] = given[0].motivation
    summaries = [a.summary for a in assignments if a.summary]
    if summaries:
        initial["summary"] = summaries[0]
    return initial


@staff_only(MANAGE)
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    assessment = _managed(pk)
    if assessment.status != Status.READY:
        messages.error(request, "Bedömningen kan publiceras först när alla bedömare har lämnat in.")
        return redirect("assessment_manage", pk=assessment.pk)
    criteria = list(assessment.criteria_version.criteria.order_by("sort_order"))
    assigned = list(
        assessment.assignments.select_related("assessor").prefetch_related(
            Prefetch("answers", queryset=Answer.objects.all())
        )
    )
    status = 200
    if request.method == "POST":
        form = CriteriaForm(request.POST, criteria=criteria, with_note=False)
        if form.is_valid():
            try:
                services.publish(
                    assessment, request.user, form.answers(), form.cleaned_data["summary"]
                )
            except services.WorkflowError as error:
                messages.error(request, str(error))
                return redirect("assessment_manage", pk=assessment.pk)
            messages.success(request, "Bedömningen är publicerad på exemplets sida.")
            return redirect("assessment_manage", pk=assessment.pk)
        status = 400
    else:
        form = CriteriaForm(
            criteria=criteria, with_note=False, initial=_agreed_initial(criteria, assigned)
        )
    return render(
        request,
        "assessments/publish.html",
        {
            "assessment": assessment,
            "example": assessment.example,
            "form": form,
            "table": _table(criteria, assigned),
            "assigned": assigned,
        },
        status=status,
    )


# The example's owner ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def example_assessment(request, page_id):
    example = get_object_or_404(ExamplePage, pk=page_id, owner=request.user)
    comment_form = CommentForm()
    request_form = RequestForm()
    status = 200
    published = list(
        Assessment.objects.published()
        .filter(example=example)
        .select_related("criteria_version")
        .order_by("-published_at")
    )
    current = published[0] if published else None
    if request.method == "POST":
        if _over_limit(request):
            return _too_many(request)
        action = request.POST.get("action")
        if action == "comment" and current is not None:
            comment_form = CommentForm(request.POST)
            if comment_form.is_valid():
                services.add_comment(current, request.user, comment_form.cleaned_data["text"])
                messages.success(
                    request, "Ditt svar är sparat. Bedömarna och redaktörerna ser det."
                )
                return redirect("example_assessment", page_id=example.pk)
            status = 400
        elif action == "request":
            request_form = RequestForm(request.POST)
            if request_form.is_valid():
                try:
                    services.request_assessment(
                        example, request.user, request_form.cleaned_data["note"]
                    )
                except services.WorkflowError as error:
                    request_form.add_error("note", str(error))
                    status = 400
                else:
                    messages.success(
                        request, "Tack! Redaktörerna har fått din begäran om bedömning."
                    )
                    return redirect("example_assessment", page_id=example.pk)
            else:
                status = 400
        else:
            status = 400
    results = []
    comments = []
    if current is not None:
        results = list(
            current.results.select_related("criterion").order_by("criterion__sort_order")
        )
        comments = list(current.comments.select_related("author"))
    return render(
        request,
        "assessments/example_assessment.html",
        {
            "example": example,
            "current": current,
            "results": results,
            "comments": comments,
            "pending": services.open_assessment(example),
            "changed": bool(current and services.example_changed_since(current, example)),
            "comment_form": comment_form,
            "request_form": request_form,
        },
        status=status,
    )
