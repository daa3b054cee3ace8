"""The forms of following: a new follow (with an address for visitors) and a follow's settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from follows.models import Follow
from search.forms import clean_query
from website.forms import GuidedFormMixin


class SettingsForm(GuidedFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Namn på bevakningen"),
        max_length=120,
        help_text=_("Syns i mejlen, så att du känner igen bevakningen."),
        error_messages={
            "required": _("Skriv ett namn på bevakningen."),
            "max_length": _("Namnet får vara högst %(limit_value)d tecken."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("Hur ofta vill du få mejl?"),
        choices=Follow.Frequency.choices,
        initial=Follow.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Välj varje vecka eller varje dag.")},
    )

    def clean_name(self):
        name = clean_query(self.cleaned_data["name"])[:120]
        if not name:
            raise forms.ValidationError(_("Skriv ett namn på bevakningen."))
        return name


class ManageForm(SettingsForm):
    paused = forms.BooleanField(
        label=_("Pausa bevakningen"),
        required=False,
        help_text=_(
            "Inga mejl medan den är pausad; nyheter under pausen skickas inte i efterhand."
        ),
    )


class NewFollowForm(SettingsForm):
    email = forms.EmailField(
        label=_("Din e-postadress"),
        max_length=254,
        help_text=_(
            "Vi skickar en länk som du klickar på för att bekräfta. Inget annat skickas innan dess."
        ),
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv en e-postadress i formatet namn@exempel.se."),
        },
    )

    def __init__(self, *args, with_email=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_email:
            del self.fields["email"]
        else:
            self.order_fields(["email", "name", "frequency"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
