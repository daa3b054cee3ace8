"""Admin: the criteria versions (a snippet), and menu items that lead to the workflow's pages.

Assessors reach the admin only for the TOTP step and these links: they have no page, image or
document permission, so the explorer shows them nothing to edit.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments.access import ASSESS, MANAGE
from assessments.models import CriteriaVersion


class CriteriaVersionViewSet(SnippetViewSet):
    model = CriteriaVersion
    icon = "list-ol"
    menu_label = _("Bedömningskriterier")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "valid_from", "published"]


register_snippet(CriteriaVersionViewSet)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def assessment_tasks_menu_item():
    return PermissionMenuItem(
        _("Mina bedömningsuppdrag"),
        reverse("assessment_tasks"),
        icon_name="tasks",
        order=300,
        permission=ASSESS,
    )


@hooks.register("register_admin_menu_item")
def assessment_queue_menu_item():
    return PermissionMenuItem(
        _("Bedömningar"),
        reverse("assessment_queue"),
        icon_name="clipboard-list",
        order=305,
        permission=MANAGE,
    )
