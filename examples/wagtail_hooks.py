"""Admin: every vocabulary under one "Taxonomi" menu (a SnippetViewSetGroup)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from examples.models import County, Goal, GoalArea, Municipality, TargetArea, TargetGroup


class CountyViewSet(SnippetViewSet):
    model = County
    icon = "site"
    menu_label = _("Län")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    menu_label = _("Kommuner")
    list_display = ["name", "code", "county"]
    list_filter = ["county"]
    search_fields = ["name", "code"]


class GoalAreaViewSet(SnippetViewSet):
    model = GoalArea
    icon = "folder-open-inverse"
    menu_label = _("Målområden")
    list_display = ["name", "sort_order"]


class GoalViewSet(SnippetViewSet):
    model = Goal
    icon = "pick"
    menu_label = _("Mål")
    list_display = ["number", "text", "area"]
    list_filter = ["area"]
    search_fields = ["text"]


class TargetAreaViewSet(SnippetViewSet):
    model = TargetArea
    icon = "group"
    menu_label = _("Verksamhetsområden")
    list_display = ["name", "is_welfare_area", "sort_order"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Målgrupper")
    list_display = ["name", "sort_order"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomi")
    menu_icon = "tag"
    menu_order = 300
    items = (
        CountyViewSet,
        MunicipalityViewSet,
        GoalAreaViewSet,
        GoalViewSet,
        TargetAreaViewSet,
        TargetGroupViewSet,
    )


register_snippet(TaxonomyViewSetGroup)
