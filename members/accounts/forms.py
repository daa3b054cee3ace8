"""allauth's forms in our own Swedish, and the member's profile form.

allauth's forms are used as they are (``ACCOUNT_FORMS`` in the settings); the subclasses only
reword labels, help texts and "required" messages, and drop the placeholders: every field has
a visible label, and a placeholder that repeats it only gets in the way.
"""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from allauth.account import forms as allauth_forms

from examples.models import County
from members.accounts.mfa import has_admin_access
from members.models import MemberProfile


def _password_rules():
    return password_validation.password_validators_help_text_html()


password_rules = lazy(_password_rules, str)

# field name -> (label, help text or None, the message when it is left empty)
FIELD_TEXTS = {
    "login": (_("E-postadress"), None, _("Fyll i din e-postadress.")),
    "email": (_("E-postadress"), None, _("Fyll i din e-postadress.")),
    # "Glömt lösenordet?" follows the log-in button (templates/account/login.html), so that
    # e-mail, Tab, password, Enter logs in without passing a link on the way.
    "password": (_("Lösenord"), None, _("Fyll i ditt lösenord.")),
    "oldpassword": (_("Nuvarande lösenord"), None, _("Fyll i ditt nuvarande lösenord.")),
    "password1": (_("Lösenord"), password_rules(), _("Välj ett lösenord.")),
    "password2": (
        _("Lösenord igen"),
        _("Skriv samma lösenord en gång till."),
        _("Skriv lösenordet en gång till."),
    ),
    "remember": (
        _("Kom ihåg mig på den här datorn"),
        _(
            "Du förblir inloggad i 14 dagar. Gäller inte konton med tillgång till "
            "redaktörsverktyget: de loggas ut när webbläsaren stängs."
        ),
        None,
    ),
    "code": (
        _("Inloggningskod"),
        _("Koden står i mejlet vi just skickade."),
        _("Fyll i koden från mejlet."),
    ),
}


class SwedishFieldsMixin:
    """Our labels, help texts and messages for allauth's fields; no placeholders."""

    field_texts: dict = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        texts = {**FIELD_TEXTS, **self.field_texts}
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name not in texts:
                continue
            label, help_text, required_message = texts[name]
            field.label = label
            field.help_text = help_text or ""
            if required_message:
                field.error_messages["required"] = required_message
            if name in {"login", "email"}:
                field.error_messages["invalid"] = _(
                    "Skriv e-postadressen i formen namn@exempel.se."
                )

    def add_error(self, field, error):
        # allauth adds this one itself (not through the adapter), in its uneven Swedish.
        if (
            field == "password2"
            and isinstance(error, str | Promise)
            and str(error) == gettext("You must type the same password each time.")
        ):
            error = _("Lösenorden är olika. Skriv samma lösenord i båda fälten.")
        super().add_error(field, error)


class LoginForm(SwedishFieldsMixin, allauth_forms.LoginForm):
    """allauth's login form; "Kom ihåg mig" is ignored for an account with admin access.

    allauth applies the choice after the login itself (so after ``AccountAdapter.login``), hence
    the answer is taken back here, before it does.
    """

    def clean(self):
        cleaned_data = super().clean()
        if has_admin_access(getattr(self, "user", None)):
            cleaned_data["remember"] = False
        return cleaned_data


class SignupForm(SwedishFieldsMixin, allauth_forms.SignupForm):
    """Signup answers alike for a new address and one that has an account, and takes as long.

    allauth already gives both the same page and one mail (``ACCOUNT_PREVENT_ENUMERATION``:
    "Bekräfta din e-postadress" or "Du har redan ett konto"), but only a new account hashed
    the password, the slow part by design (most of a second with PBKDF2), so the answer's time
    told who has an account. For a known address the password is hashed too and thrown away,
    as Django's ``ModelBackend`` does for an unknown user at login. A new account's rows (user,
    profile, group, address) are written in one transaction: one commit instead of five, and
    never half an account.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        with transaction.atomic():
            return super().try_save(request)


class AddEmailForm(SwedishFieldsMixin, allauth_forms.AddEmailForm):
    field_texts = {
        "email": (
            _("Ny e-postadress"),
            _(
                "Vi skickar en länk till den nya adressen. Tills du har klickat på den "
                "gäller den gamla."
            ),
            _("Fyll i den nya e-postadressen."),
        ),
    }


class ChangePasswordForm(SwedishFieldsMixin, allauth_forms.ChangePasswordForm):
    field_texts = {
        "password1": (_("Nytt lösenord"), password_rules(), _("Välj ett nytt lösenord.")),
        "password2": (
            _("Nytt lösenord igen"),
            _("Skriv samma lösenord en gång till."),
            _("Skriv det nya lösenordet en gång till."),
        ),
    }


class SetPasswordForm(SwedishFieldsMixin, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordForm(SwedishFieldsMixin, allauth_forms.ResetPasswordForm):
    field_texts = {
        "email": (
            _("E-postadress"),
            _("Adressen du loggar in med."),
            _("Fyll i din e-postadress."),
        ),
    }


class ResetPasswordKeyForm(SwedishFieldsMixin, allauth_forms.ResetPasswordKeyForm):
    field_texts = ChangePasswordForm.field_texts


class ReauthenticateForm(SwedishFieldsMixin, allauth_forms.ReauthenticateForm):
    pass


class RequestLoginCodeForm(SwedishFieldsMixin, allauth_forms.RequestLoginCodeForm):
    pass


class ConfirmLoginCodeForm(SwedishFieldsMixin, allauth_forms.ConfirmLoginCodeForm):
    pass


class ProfileForm(forms.ModelForm):
    """Name, organisation, role and county, and the separate consent to show contact details.

    The consent is a plain checkbox, unticked unless the member has consented: ticking it
    stores the date, unticking it empties the date again (``MemberProfile.contact_consent_at``).
    """

    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    county = forms.ModelChoiceField(
        label=_("Län"),
        queryset=County.objects.order_by("name"),
        required=False,
        empty_label=_("Inget län valt"),
    )
    contact_consent = forms.BooleanField(
        label=_("Ja, visa kontaktuppgifterna på mina publicerade exempel"),
        help_text=_(
            "Kontaktpersonens namn, roll och e-postadress visas då på de exempel du har "
            "delat. Du kan ta tillbaka samtycket när du vill: ta bort bocken och spara, så "
            "försvinner uppgifterna från sidorna direkt."
        ),
        required=False,
    )

    field_order = ["first_name", "last_name", "organisation", "title", "county"]

    class Meta:
        model = MemberProfile
        fields = ["organisation", "title", "county"]
        labels = {"organisation": _("Organisation"), "title": _("Roll eller titel")}
        help_texts = {
            "organisation": _("Till exempel kommunen, regionen eller förvaltningen."),
            "title": _("Till exempel folkhälsostrateg eller utvecklingsledare."),
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["contact_consent"].initial = self.instance.contact_consent_at is not None
        autocomplete = {
            "first_name": "given-name",
            "last_name": "family-name",
            "organisation": "organization",
            "title": "organization-title",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value

    def save(self, commit=True):
        profile = super().save(commit=False)
        if self.cleaned_data["contact_consent"]:
            if profile.contact_consent_at is None:
                profile.contact_consent_at = timezone.now()
        else:
            profile.contact_consent_at = None
        self.user.first_name = self.cleaned_data["first_name"].strip()
        self.user.last_name = self.cleaned_data["last_name"].strip()
        if commit:
            self.user.save(update_fields=["first_name", "last_name"])
            profile.save()
        return profile
