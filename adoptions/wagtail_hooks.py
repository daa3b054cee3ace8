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

    def get_context(self, request):
        context = super().get_context(request)
        waiting = Adoption.objects.filter(status=Adoption.Status.SUBMITTED).count()
        if waiting:
            context["label"] = f"{self.label} ({waiting})"
        return context


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Införanden"), reverse("adoptions_review_index"), icon_name="site", order=250
    )
