"""The member's own pages: "Dela med dig" and "Mina exempel"."""

from django.urls import path, register_converter

from members.sharing import views


class PageIdConverter:
    """A page id of at most 10 digits: longer numbers would overflow the database's integer."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(PageIdConverter, "page_id")

urlpatterns = [
    path("dela/", views.share, name="share_example"),
    path("mina-exempel/", views.my_examples, name="my_examples"),
    path("mina-exempel/<page_id:page_id>/andra/", views.share, name="edit_example"),
    path("mina-exempel/<page_id:page_id>/aterkalla/", views.withdraw, name="withdraw_example"),
    path("mina-exempel/<page_id:page_id>/nytt-steg/", views.new_stage, name="new_stage"),
    path("mina-exempel/<page_id:page_id>/avsluta/", views.discontinue, name="discontinue_example"),
    path("mina-exempel/<page_id:page_id>/ateruppta/", views.resume, name="resume_example"),
]
