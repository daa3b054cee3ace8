"""E-mail to the member when an editor approves or rejects their example, or marks it "Avslutat"
or resumes it in the admin, after the commit.

Connected to Wagtail's task_approved / task_rejected signals by ``connect()`` from
MembersConfig.ready(). A failing mail server is logged and never undoes the editor's decision.
Wagtail's own workflow mails to editors (a new submission, a decision) are sent after the commit
too (``after_commit``), and the decision mails only to people who can use the admin.
"""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from website import siteurl

logger = logging.getLogger(__name__)


def notify_owner(task_state, approved: bool):
    page = task_state.workflow_state.content_object
    owner = getattr(page, "owner", None)
    if owner is None or not owner.email or has_admin_access(owner):
        return  # editors get Wagtail's own workflow mails
    context = {
        "title": page.get_latest_revision().object_str
        if page.get_latest_revision()
        else page.title,
        "approved": approved,
        "comment": task_state.comment,
        "page_url": page.get_full_url() if approved and page.url else "",
        "my_examples_url": siteurl.absolute(reverse("my_examples")),
    }
    subject = render_to_string("members/email/decision_subject.txt", context).strip()
    body = render_to_string("members/email/decision_body.txt", context)

    def send():
        try:
            send_mail(subject, body, None, [owner.email])
        except Exception:  # mail outages must not undo the decision
            logger.exception("Kunde inte skicka beslutsmejl till %s", owner.pk)

    transaction.on_commit(send)


def on_task_approved(sender, instance, user=None, **kwargs):
    notify_owner(instance, approved=True)


def on_task_rejected(sender, instance, user=None, **kwargs):
    notify_owner(instance, approved=False)


def remember_discontinued_change(sender, instance, update_fields=None, **kwargs):
    """pre_save of an example: note a change of its "Avslutat" status for ``on_published``.

    Only a whole-row save can change it (publishing is one; a draft's save names its few
    fields), so only that reads the stored value: one query, never on a draft.
    """
    if not instance.pk or (update_fields is not None and "discontinued_on" not in update_fields):
        return
    before = (
        type(instance)
        .objects.filter(pk=instance.pk)
        .values_list("discontinued_on", flat=True)
        .first()
    )
    if before != instance.discontinued_on:
        instance._discontinued_before = before


def on_published(sender, instance, revision=None, **kwargs):
    """An editor marked a member's example "Avslutat" (or resumed it): tell the member.

    When the member asked for it themselves, the revision is theirs and the review's decision
    mail already says so. Sent after the commit; a failing mail server is only logged.
    """
    if not hasattr(instance, "_discontinued_before"):
        return
    del instance._discontinued_before
    owner = getattr(instance, "owner", None)
    if owner is None or not owner.email or has_admin_access(owner):
        return
    if revision is not None and revision.user_id == owner.pk:
        return
    context = {
        "title": instance.title,
        "discontinued": instance.discontinued_on is not None,
        "page_url": instance.get_full_url() if instance.url else "",
        "my_examples_url": siteurl.absolute(reverse("my_examples")),
    }
    subject = render_to_string("members/email/discontinued_subject.txt", context).strip()
    body = render_to_string("members/email/discontinued_body.txt", context)

    def send():
        try:
            send_mail(subject, body, None, [owner.email])
        except Exception:  # mail outages must not undo the editor's change
            logger.exception("Kunde inte skicka mejl om avslutat exempel till %s", owner.pk)

    transaction.on_commit(send)


def has_admin_access(user) -> bool:
    return user.has_perm("wagtailadmin.access_admin")


def admin_users_only(notifier_class):
    """Wagtail's own workflow mails link into the admin: send them only to people who can use it.

    Members get our Swedish decision mail (``notify_owner``) instead.
    """

    class AdminUsersOnly(notifier_class):
        def get_recipient_users(self, instance, **kwargs):
            return {
                u for u in super().get_recipient_users(instance, **kwargs) if has_admin_access(u)
            }

    AdminUsersOnly.__name__ = f"AdminUsersOnly{notifier_class.__name__}"
    return AdminUsersOnly


def after_commit(notifier_class):
    """Wagtail's workflow mails, sent after the commit; a failing mail server is only logged.

    Wagtail sends them from inside the transaction of the submission or decision and catches
    only ``ConnectionError``/``TimeoutError`` when it connects: an ``SMTPException`` (a server
    that drops the line or refuses the login) would end the request in a 500 and roll back the
    member's submission or new stage.
    """

    class AfterCommit(notifier_class):
        def send_notifications(self, template_set, context, recipients, **kwargs):
            def send():
                try:
                    super(AfterCommit, self).send_notifications(
                        template_set, context, recipients, **kwargs
                    )
                except Exception:  # mail outages must not undo anyone's work
                    logger.exception("Kunde inte skicka granskningsmejl (%s)", template_set)

            transaction.on_commit(send)
            return True

    AfterCommit.__name__ = f"AfterCommit{notifier_class.__name__}"
    return AfterCommit


def connect():
    """Connect our handlers; called from MembersConfig.ready(), before wagtail.admin's.

    Registering under Wagtail's own dispatch_uids makes Django keep ours and ignore Wagtail's
    later registration of the same handlers.
    """
    from django.db.models.signals import pre_save

    from wagtail.admin.mail import (
        GroupApprovalTaskStateSubmissionEmailNotifier,
        WorkflowStateApprovalEmailNotifier,
        WorkflowStateRejectionEmailNotifier,
        WorkflowStateSubmissionEmailNotifier,
    )
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import (
        page_published,
        task_approved,
        task_rejected,
        task_submitted,
        workflow_approved,
        workflow_rejected,
        workflow_submitted,
    )

    from examples.models import ExamplePage
    from members.sharing.moderation import refuse_a_second_decision

    # An editor's "Avslutat" (or resuming) on a member's example is mailed to the member.
    pre_save.connect(
        remember_discontinued_change,
        sender=ExamplePage,
        dispatch_uid="members-remember-discontinued-change",
    )
    page_published.connect(
        on_published, sender=ExamplePage, dispatch_uid="members-discontinued-mail"
    )

    # One decision per review, however many editors press the button (see moderation.py).
    pre_save.connect(
        refuse_a_second_decision, sender=TaskState, dispatch_uid="members-one-decision-per-review"
    )
    task_approved.connect(on_task_approved, dispatch_uid="members-decision-approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="members-decision-rejected")
    task_submitted.connect(
        after_commit(GroupApprovalTaskStateSubmissionEmailNotifier)(),
        sender=TaskState,
        weak=False,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    workflow_submitted.connect(
        after_commit(WorkflowStateSubmissionEmailNotifier)(),
        sender=WorkflowState,
        weak=False,
        dispatch_uid="workflow_state_submitted_email_notification",
    )
    workflow_approved.connect(
        after_commit(admin_users_only(WorkflowStateApprovalEmailNotifier))(),
        sender=WorkflowState,
        weak=False,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        after_commit(admin_users_only(WorkflowStateRejectionEmailNotifier))(),
        sender=WorkflowState,
        weak=False,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
