"""The assessment pages, under /bedomning/ (no page uses it) and the member's /mina-exempel/."""

from django.urls import path, register_converter

from assessments import views


class IdConverter:
    """An id of at most 9 digits: longer numbers would overflow the database's integer."""

    regex = "[0-9]{1,9}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

urlpatterns = [
    path("bedomning/kriterier/", views.criteria, name="assessment_criteria"),
    path(
        "bedomning/kriterier/version-<id:number>/",
        views.criteria,
        name="assessment_criteria_version",
    ),
    path("bedomning/uppdrag/", views.tasks, name="assessment_tasks"),
    path("bedomning/uppdrag/<id:pk>/", views.task, name="assessment_task"),
    path("bedomning/arenden/", views.queue, name="assessment_queue"),
    path("bedomning/arenden/<id:pk>/", views.manage, name="assessment_manage"),
    path("bedomning/arenden/<id:pk>/publicera/", views.publish, name="assessment_publish"),
    path(
        "mina-exempel/<id:page_id>/bedomning/",
        views.example_assessment,
        name="example_assessment",
    ),
]
