"""The admin's "Införanden": the review of adoption reports (``adoptions/review.py``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from adoptions.models import Adoption
from adoptions.review import ReviewIndexView, ReviewView, may_review


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("inforanden/", ReviewIndexView.as_view(), name="adoptions_review_index"),
        path("inforanden/<int:pk>/", ReviewView.as_view(), name="adoptions_review"),
    ]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)

    def render_component(self, request):
        """The label says how many reports wait ("Införanden (2)"): one count query."""
        from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

        waiting = Adoption.objects.filter(status=Adoption.Status.SUBMITTED).count()
        label = f"{self.label} ({waiting})" if waiting else self.label
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Införanden"), reverse("adoptions_review_index"), icon_name="site", order=250
    )
