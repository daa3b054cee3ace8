"""The re-confirmation before an account is deleted: the member's own password."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Ditt lösenord"),
        help_text=_("Skriv ditt lösenord för att bekräfta att det är du som raderar kontot."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Fyll i ditt lösenord.")},
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Lösenordet stämmer inte. Inget har raderats."), code="wrong_password"
            )
        return password
