"""The workflow's forms: the assessor's (and the editor's publishing) form, assigning, comments.

Every text is cleaned of characters XML and JSON consumers refuse (``CleanTextFormMixin``) and
has a maximum length; bad input gives a Swedish message next to the field and keeps what was
typed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import COMMENT_MAX, MOTIVATION_MAX, NOTE_MAX, SUMMARY_MAX, Result
from website.forms import GuidedFormMixin
from website.text import CleanTextFormMixin


def _too_long(limit):
    return _("Texten får vara högst %(limit)s tecken.") % {"limit": limit}


class CriteriaForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    """One result and motivation per criterion of a version, and a public summary.

    Used by the assessor (with an internal note) and by the editor who publishes the agreed
    result (``with_note=False``)."""

    summary = forms.CharField(
        label=_("Sammanfattning"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Visas på exemplets sida. Skriv för läsare och för dem som står bakom exemplet."
        ),
        error_messages={
            "required": _("Skriv en sammanfattning."),
            "max_length": _too_long(SUMMARY_MAX),
        },
    )
    internal_note = forms.CharField(
        label=_("Intern anteckning"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bara redaktörerna och den andra bedömaren ser den, efter att båda lämnat in."),
        error_messages={"max_length": _too_long(NOTE_MAX)},
    )

    def __init__(self, *args, criteria, with_note=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        if not with_note:
            del self.fields["internal_note"]
        for criterion in self.criteria:
            self.fields[f"result_{criterion.pk}"] = forms.ChoiceField(
                label=_("Bedömning"),
                choices=Result.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Välj en bedömning för ”%(name)s”.") % {"name": criterion.name},
                    "invalid_choice": _("Välj ett av alternativen."),
                },
            )
            self.fields[f"motivation_{criterion.pk}"] = forms.CharField(
                label=_("Motivering"),
                required=False,
                max_length=MOTIVATION_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Kort och offentlig: visas på exemplets sida."),
                error_messages={"max_length": _too_long(MOTIVATION_MAX)},
            )
        # Summary and note after the criteria, in the order a person fills them in.
        self.order_fields([*(f for f in self.fields if f not in ("summary", "internal_note"))])

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            result = data.get(f"result_{criterion.pk}")
            if (
                result
                and result != Result.NOT_ASSESSED
                and not data.get(f"motivation_{criterion.pk}", "").strip()
            ):
                self.add_error(
                    f"motivation_{criterion.pk}",
                    _("Motivera bedömningen av ”%(name)s” med en mening eller två.")
                    % {"name": criterion.name},
                )
        return data

    def rows(self):
        """[(group, [(criterion, result field, motivation field), …]), …] for the template."""
        groups: dict[str, list] = {}
        for c in self.criteria:
            groups.setdefault(c.group, []).append(
                (c, self[f"result_{c.pk}"], self[f"motivation_{c.pk}"])
            )
        return list(groups.items())

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            c.pk: (data[f"result_{c.pk}"], data.get(f"motivation_{c.pk}", "").strip())
            for c in self.criteria
        }


class AssignForm(GuidedFormMixin, forms.Form):
    assessors = forms.ModelMultipleChoiceField(
        label=_("Bedömare"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj en eller två. De ser inte varandras bedömningar förrän båda lämnat in."),
        error_messages={
            "required": _("Välj en eller två bedömare."),
            "invalid_choice": _("Välj bland bedömarna i listan."),
            "invalid_pk_value": _("Välj bland bedömarna i listan."),
        },
    )

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = assessors
        self.fields["assessors"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.email} ({u.email})"
        )

    def clean_assessors(self):
        chosen = self.cleaned_data["assessors"]
        if len(chosen) > 2:
            raise forms.ValidationError(_("Välj högst två bedömare."))
        return chosen


class CommentForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Kommentar"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bedömarna, redaktörerna och exemplets ägare ser kommentaren. Den är inte offentlig."
        ),
        error_messages={"required": _("Skriv en kommentar."), "max_length": _too_long(COMMENT_MAX)},
    )


class RequestForm(GuidedFormMixin, CleanTextFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Meddelande till redaktörerna"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Valfritt. Till exempel vad du har ändrat sedan förra bedömningen."),
        error_messages={"max_length": _too_long(COMMENT_MAX)},
    )
