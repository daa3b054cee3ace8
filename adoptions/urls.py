"""Members' adoption pages, under prefixes no page uses (/mina-inforanden/, /mina-exempel/)."""

from django.urls import path

from adoptions import views
from members.sharing import urls as sharing_urls  # noqa: F401 - registers the page_id converter

urlpatterns = [
    path("mina-inforanden/", views.my_adoptions, name="my_adoptions"),
    path("mina-inforanden/ny/<page_id:page_id>/", views.report, name="adoption_report"),
    path(
        "mina-inforanden/<page_id:adoption_id>/nytt-steg/",
        views.new_stage,
        name="adoption_new_stage",
    ),
    path(
        "mina-inforanden/<page_id:adoption_id>/aterkalla/",
        views.withdraw,
        name="withdraw_adoption",
    ),
    path("mina-exempel/<page_id:page_id>/spridning/", views.spread_places, name="spread_places"),
    path(
        "mina-exempel/<page_id:page_id>/spridning/<page_id:place_id>/ta-bort/",
        views.remove_spread_place,
        name="remove_spread_place",
    ),
]
