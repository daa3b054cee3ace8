"""allauth's MFA forms with our Swedish labels (``MFA_FORMS``); the checks are allauth's."""

from django.utils.translation import gettext_lazy as _

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm


def _code_field(form, label, help_text):
    field = form.fields["code"]
    field.label = label
    field.help_text = help_text
    field.widget.attrs.update(
        {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
    )
    field.widget.attrs.pop("placeholder", None)


class LoginCodeForm(AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(
            self,
            _("Kod från autentiseringsappen"),
            _("Sex siffror. Har du inte tillgång till appen kan du skriva en av dina reservkoder."),
        )


class ReauthenticateCodeForm(ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(
            self,
            _("Kod från autentiseringsappen"),
            _("Sex siffror, eller en av dina reservkoder."),
        )


class ActivateForm(ActivateTOTPForm):
    """Setting up TOTP means typing a valid code from the app: that is the session's TOTP step.

    So an editor who has just set up the app goes on into the admin without typing a second
    code (see members/accounts/mfa.py). allauth records nothing for an activation itself.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(
            self,
            _("Kod från autentiseringsappen"),
            _("De sex siffror som appen visar för Goda exempel för hälsa just nu."),
        )

    def clean_code(self):
        code = super().clean_code()
        record_authentication(context.request, self.user, "mfa", type="totp", activated=True)
        return code
