"""The member's own pages: "Dela med dig" and "Mina exempel"."""

from django.urls import path

from members.sharing import views

urlpatterns = [
    path("dela/", views.share, name="share_example"),
    path("mina-exempel/", views.my_examples, name="my_examples"),
    path("mina-exempel/<int:page_id>/andra/", views.share, name="edit_example"),
    path("mina-exempel/<int:page_id>/aterkalla/", views.withdraw, name="withdraw_example"),
    path("mina-exempel/<int:page_id>/nytt-steg/", views.new_stage, name="new_stage"),
]
