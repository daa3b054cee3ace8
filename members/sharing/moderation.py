"""The review workflow members' examples go through, and the state a member sees for each.

Members never touch the Wagtail admin: their form creates revisions and starts this workflow;
editors ("Redaktörer") approve or reject with a comment in the admin's workflow tasks.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
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
