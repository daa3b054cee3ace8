"""The editors' review of adoption reports in the Wagtail admin ("Införanden").

A list of reports (those waiting first) and one page per report with its content and a
decision: "Godkänn" or "Avslå", with a message to the reporter. Only editors (group
"Redaktörer") and superusers; the admin's own login and TOTP step guard the URLs
(``register_admin_urls`` wraps them in ``require_admin_access``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from adoptions import services
from adoptions.models import Adoption
from members.sharing.moderation import EDITORS_GROUP
from website.forms import GuidedFormMixin
from website.text import CleanTextFormMixin


def may_review(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists())


class DecisionForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Beslut"),
        choices=[
            ("godkann", gettext_lazy("Godkänn och publicera")),
            ("avsla", gettext_lazy("Avslå")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Välj Godkänn eller Avslå.")},
    )
    message = forms.CharField(
        label=gettext_lazy("Meddelande till den som rapporterade"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Skickas i beslutsmejlet. Skriv varför om du avslår."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "avsla" and not data.get("message"):
            self.add_error("message", _("Skriv varför rapporten avslås."))
        return data


class ReviewerOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class ReviewIndexView(ReviewerOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "adoptions/admin/index.html"
    page_title = gettext_lazy("Införanden")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = Adoption.objects.select_related("example", "municipality", "county").order_by(
            "-created_at", "-pk"
        )
        context["waiting"] = list(rows.filter(status=Adoption.Status.SUBMITTED))
        context["decided"] = list(rows.exclude(status=Adoption.Status.SUBMITTED)[:50])
        return context


class ReviewView(ReviewerOnlyMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "adoptions/admin/review.html"
    form_class = DecisionForm
    header_icon = "site"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.adoption = get_object_or_404(
            Adoption.objects.select_related("example", "municipality", "county", "reporter"),
            pk=kwargs["pk"],
        )

    def get_page_title(self):
        return _("Införande: %(organisation)s") % {"organisation": self.adoption.organisation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["adoption"] = self.adoption
        context["history"] = self.adoption.timeline()
        return context

    def form_valid(self, form):
        approve = form.cleaned_data["decision"] == "godkann"
        try:
            services.decide(
                self.adoption.pk, self.request.user, approve, form.cleaned_data["message"]
            )
        except services.DecisionConflict as conflict:
            messages.error(
                self.request,
                _("Rapporten är redan %(status)s. Ditt beslut har inte sparats.")
                % {"status": str(conflict).lower()},
            )
            return redirect("adoptions_review", pk=self.adoption.pk)
        if approve:
            text = _("Införandet från %(organisation)s är publicerat.")
        else:
            text = _(
                "Införandet från %(organisation)s är avslaget. Den som rapporterade får ett mejl."
            )
        messages.success(self.request, text % {"organisation": self.adoption.organisation})
        return redirect(reverse("adoptions_review_index"))
