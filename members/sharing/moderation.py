"""The review workflow members' examples go through, and the state a member sees for each.

Members never touch the Wagtail admin: their form creates revisions and starts this workflow;
editors ("Redaktörer") approve or reject with a comment in the admin's workflow tasks.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import (
    GroupApprovalTask,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

WORKFLOW_NAME = "Granskning av goda exempel"
TASK_NAME = "Redaktörernas granskning"
EDITORS_GROUP = "Redaktörer"


def ensure_review_workflow(index_page):
    """The workflow on the examples listing: one approval task for the editors (idempotent)."""
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([editors])
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow


@dataclass
class MemberState:
    key: str
    label: str
    comment: str = ""


STATE_LABELS = {
    "draft": _("Utkast"),
    "in_review": _("Granskas"),
    "published": _("Publicerad"),
    "rejected": _("Avslagen"),
    "changes_in_review": _("Ändringar granskas"),
}


def states_for(pages):
    """Each page's state in "Mina exempel", in two queries whatever the number of pages."""
    page_ids = [str(p.pk) for p in pages]
    content_type = ContentType.objects.get_for_model(Page)
    latest = {}
    for state in WorkflowState.objects.filter(
        base_content_type=content_type, object_id__in=page_ids
    ).order_by("object_id", "-created_at"):
        latest.setdefault(state.object_id, state)
    comments = {}
    rejected_ids = [s.pk for s in latest.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES]
    for task_state in TaskState.objects.filter(
        workflow_state_id__in=rejected_ids, status=TaskState.STATUS_REJECTED
    ).order_by("-finished_at"):
        comments.setdefault(task_state.workflow_state_id, task_state.comment)
    result = {}
    for page in pages:
        state = latest.get(str(page.pk))
        in_progress = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        rejected = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        if in_progress:
            key = "changes_in_review" if page.live else "in_review"
        elif rejected and page.has_unpublished_changes:
            key = "rejected"
        elif page.live:
            key = "published"
        else:
            key = "draft"
        result[page.pk] = MemberState(
            key, STATE_LABELS[key], comments.get(state.pk, "") if rejected else ""
        )
    return result


# Two editors deciding on the same review ----------------------------------------------------

DECISIONS = (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED)


class ReviewAlreadyDecided(Exception):
    """A second approve/reject of a review another editor has already decided.

    Not a ``PermissionDenied``: the admin would swallow that into its generic "no permission"
    message. ``ReviewConflictMiddleware`` turns it into the message below.
    """

    def __init__(self, task_state_id: int, status: str, finished_by_id, finished_at):
        self.task_state_id = task_state_id
        self.status = status
        super().__init__(decided_message(task_state_id, status, finished_by_id, finished_at))


def decided_message(task_state_id, status, finished_by_id, finished_at) -> str:
    """What the second editor reads: who decided, when, and that nothing more happened."""
    from django.contrib.auth import get_user_model

    task_state = TaskState.objects.select_related("revision").filter(pk=task_state_id).first()
    title = task_state.revision.object_str if task_state else ""
    who = get_user_model().objects.filter(pk=finished_by_id).first()
    name = (who.get_full_name() or who.email) if who else gettext("en annan redaktör")
    when = formats.date_format(timezone.localtime(finished_at), "j F Y H.i")
    if status == TaskState.STATUS_APPROVED:
        text = gettext("”%(title)s” är redan godkänt av %(name)s (%(when)s).")
    else:
        text = gettext("”%(title)s” är redan återskickat för ändringar av %(name)s (%(when)s).")
    return (
        text % {"title": title, "name": name, "when": when}
        + " "
        + gettext("Ditt beslut har inte sparats och inget mer har skickats till medlemmen.")
    )


def refuse_a_second_decision(sender, instance, raw=False, **kwargs):
    """pre_save of a TaskState: an approve or reject must find the task still in progress.

    Wagtail checks the status on the object it loaded, so two editors who both opened the review
    could both approve: two publications, two decision mails. Here the decision re-reads the row
    under a lock (``select_for_update``, in the decision's transaction) just before writing it;
    the second editor waits for the first to commit and then finds the task decided. A task
    state saved again with its own decision unchanged (same status and finishing time) passes.
    Connected for TaskState, the task state of our GroupApprovalTask.
    """
    if raw or instance.pk is None:
        return
    if instance.status not in DECISIONS:
        return
    rows = TaskState.objects.filter(pk=instance.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    stored = rows.values("status", "finished_at", "finished_by").first()
    if stored is None or stored["status"] == TaskState.STATUS_IN_PROGRESS:
        return
    if stored["status"] == instance.status and stored["finished_at"] == instance.finished_at:
        return
    raise ReviewAlreadyDecided(
        instance.pk, stored["status"], stored["finished_by"], stored["finished_at"]
    )


class ReviewConflictMiddleware:
    """A decision on a review that is already decided: the admin's message and a way back.

    Two cases end here instead of in Wagtail's generic "not awaiting moderation" message or a
    403: a POST to the admin's workflow action for a task state that is already decided (the
    second editor's stale button, also after the member sent a new version), and the race that
    ``refuse_a_second_decision`` stops (``ReviewAlreadyDecided``). The message says who decided
    and when; it goes only to people who could have decided themselves. The page's edit view
    shows it; the admin's review modal (an XHR) gets the JSON step it expects instead.
    """

    ACTION_VIEW = "wagtailadmin_pages:workflow_action"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 and not getattr(request, "review_conflict", False):
            self.confirm_decision(request)
        return response

    def is_decision(self, request) -> bool:
        match = request.resolver_match
        return (
            request.method == "POST" and match is not None and match.view_name == self.ACTION_VIEW
        )

    def confirm_decision(self, request):
        """Tell the editor what their approval or rejection did: Wagtail's review modal says
        nothing, so without this the editor cannot tell that the decision was stored."""
        if not self.is_decision(request):
            return
        kwargs = request.resolver_match.kwargs
        task_state = TaskState.objects.filter(
            pk=kwargs.get("task_state_id"), status__in=DECISIONS, finished_by=request.user
        ).first()
        page = Page.objects.filter(pk=kwargs.get("page_id")).first()
        if task_state is None or page is None:
            return
        if task_state.status == TaskState.STATUS_APPROVED:
            text = gettext("”%(title)s” är godkänt i granskningen och publicerat.")
        else:
            text = gettext(
                "”%(title)s” är skickat tillbaka från granskningen. Medlemmen får ett mejl om det."
            )
        messages.success(request, text % {"title": page.draft_title})

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.is_decision(request):
            return None
        decided = TaskState.objects.filter(
            pk=view_kwargs.get("task_state_id"), status__in=DECISIONS
        ).first()
        page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
        if decided is None or page is None or not self.may_decide(request.user, decided, page):
            return None  # Wagtail's own checks answer
        request.review_conflict = True
        messages.error(
            request,
            decided_message(
                decided.pk, decided.status, decided.finished_by_id, decided.finished_at
            ),
        )
        return self.back(request, page.pk)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReviewAlreadyDecided):
            return None
        request.review_conflict = True
        messages.error(request, str(exception))
        match = request.resolver_match
        return self.back(request, match.kwargs.get("page_id") if match else None)

    @staticmethod
    def may_decide(user, task_state, page) -> bool:
        return (
            user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
            and bool(task_state.task.specific.get_actions(page, user))
        )

    @staticmethod
    def back(request, page_id):
        target = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = ""
        if not target:
            target = (
                reverse("wagtailadmin_pages:edit", args=(page_id,))
                if page_id
                else reverse("wagtailadmin_home")
            )
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            from wagtail.admin.modal_workflow import render_modal_workflow

            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": target}
            )
        return redirect(target)
