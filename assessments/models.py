"""Criteria (versioned), assessments of examples, each assessor's answers and the result.

How they relate: a ``CriteriaVersion`` holds its ``Criterion`` rows; an ``Assessment`` of one
``ExamplePage`` records the version it used and the example revision it looked at; each of its
one or two ``Assignment`` rows is one assessor's form (an ``Answer`` per criterion, an internal
note, a proposed public summary); when an editor publishes, the agreed ``Result`` per criterion
and the public summary become what readers see. ``Comment`` is the conversation between the
example's owner, the assessors and the editors (never public).
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

MOTIVATION_MAX = 1000
SUMMARY_MAX = 3000
NOTE_MAX = 3000
COMMENT_MAX = 3000


class Result(models.TextChoices):
    MET = "uppfyllt", _("Uppfyllt")
    PARTLY = "delvis", _("Delvis")
    NOT_MET = "inte_uppfyllt", _("Inte uppfyllt")
    NOT_ASSESSED = "inte_bedomt", _("Inte bedömt")


class CriteriaVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def current(self):
        """The published version with the highest number (``None`` before any is published)."""
        return self.published().order_by("-number").first()


class CriteriaVersionForm(WagtailAdminModelForm):
    """A version that assessments have used keeps its criteria: removing one would take the
    answers and results that rest on it away (they are protected), so the editor is told to
    make a new version instead."""

    def clean(self):
        data = super().clean()
        formset = self.formsets.get("criteria")
        used = self.instance.pk and self.instance.assessments.exists()
        if used and formset is not None and formset.deleted_forms:
            raise forms.ValidationError(
                _(
                    "Bedömningar har använt den här versionen, så dess kriterier kan inte tas "
                    "bort. Gör en ny version i stället."
                )
            )
        return data


class CriteriaVersion(ClusterableModel):
    number = models.PositiveIntegerField(
        _("versionsnummer"),
        unique=True,
        help_text=_("Versionerna numreras 1, 2, 3 … Den publicerade med högst nummer gäller."),
    )
    valid_from = models.DateField(_("gäller från"), help_text=_("Datumet visas på kriteriesidan."))
    published = models.BooleanField(
        _("publicerad"),
        default=False,
        help_text=_(
            "Bara publicerade versioner visas och kan användas. Ändra inte en version som "
            "bedömningar redan har använt: gör en ny version i stället."
        ),
    )
    introduction = models.TextField(
        _("inledning"), blank=True, help_text=_("Visas överst på kriteriesidan.")
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("valid_from"),
        FieldPanel("published"),
        FieldPanel("introduction"),
        InlinePanel("criteria", label=_("Kriterier"), heading=_("Kriterier")),
    ]

    base_form_class = CriteriaVersionForm

    objects = CriteriaVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("kriterieversion")
        verbose_name_plural = _("kriterieversioner")

    def __str__(self):
        return f"Version {self.number}"

    def grouped(self, criteria=None):
        """[(group, [criterion, …]), …] in the criteria's order."""
        groups: dict[str, list] = {}
        for criterion in criteria if criteria is not None else self.criteria.all():
            groups.setdefault(criterion.group, []).append(criterion)
        return list(groups.items())


class Criterion(Orderable):
    version = ParentalKey(CriteriaVersion, on_delete=models.CASCADE, related_name="criteria")
    group = models.CharField(
        _("grupp"), max_length=100, help_text=_("Till exempel ”Relevans och behov”.")
    )
    name = models.CharField(_("namn"), max_length=200)
    question = models.TextField(
        _("fråga"), help_text=_("Frågan som bedömningen besvarar. Visas för alla.")
    )
    guidance = models.TextField(
        _("vägledning för bedömare"),
        blank=True,
        help_text=_("Vad bedömarna ska titta efter. Visas också på den publika kriteriesidan."),
    )

    panels = [
        FieldPanel("group"),
        FieldPanel("name"),
        FieldPanel("question"),
        FieldPanel("guidance"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("kriterium")
        verbose_name_plural = _("kriterier")

    def __str__(self):
        return self.name


class AssessmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Assessment.Status.PUBLISHED)

    def open(self):
        return self.exclude(status__in=[Assessment.Status.PUBLISHED, Assessment.Status.CANCELLED])


class Assessment(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "begard", _("Begärd")
        ASSIGNED = "tilldelad", _("Hos bedömarna")
        READY = "klar", _("Klar att publicera")
        PUBLISHED = "publicerad", _("Publicerad")
        CANCELLED = "avbruten", _("Avbruten")

    example = models.ForeignKey(
        "examples.ExamplePage", on_delete=models.CASCADE, related_name="assessments"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    criteria_version = models.ForeignKey(
        CriteriaVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("kriterieversion"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    request_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    # What was assessed: the example's published revision and when it was published.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content_date = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        permissions = [
            ("assess_examples", "Kan bedöma exempel (bedömare)"),
            ("manage_assessments", "Kan tilldela och publicera bedömningar (redaktör)"),
        ]

    def __str__(self):
        return f"Bedömning av {self.example_id} ({self.get_status_display()})"


class Assignment(models.Model):
    """One assessor's form for one assessment; blind to the other's until both are in."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    # SET_NULL: an assessor's deleted account leaves the assessment's record intact.
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assessment_assignments",
    )
    summary = models.TextField(blank=True)
    internal_note = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "assessor"], name="assessments_one_assignment_per_assessor"
            )
        ]

    def __str__(self):
        return f"Uppdrag {self.pk}"


class Answer(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=16, choices=Result.choices)
    motivation = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="assessments_one_answer_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.result}"


class CriterionResult(models.Model):
    """The published, agreed result for one criterion."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=16, choices=Result.choices)
    motivation = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="assessments_one_result_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.result}"


class Comment(models.Model):
    """An answer from the example's owner, or a reply from an assessor or editor."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assessment_comments",
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Kommentar {self.pk}"
