"""How allauth behaves on this site (``ACCOUNT_ADAPTER``).

- Error messages in our own Swedish (allauth's Swedish catalogue is uneven).
- A new member gets a ``MemberProfile`` and joins the group "Medlemmar", which carries no
  permissions: members never reach the Wagtail admin.
- Mails are rendered during the request but sent only once the database transaction has
  committed, so no mail points at a row that was rolled back; a failed send is logged.
- "Signed in" and "signed out" notices are dropped: those redirects lead to pages that do not
  show messages, and the notice would otherwise pop up on some later account page.
- An account with admin access is never remembered: whatever the login form's "Kom ihåg mig"
  says and however it logged in (password, e-mailed code, then TOTP), its session ends when
  the browser closes. A member's remembered session lasts ``SESSION_COOKIE_AGE`` (14 days).

See https://docs.allauth.org/en/latest/account/advanced.html#custom-redirects for the hooks.
"""

from django.contrib.auth.models import Group
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from members.accounts.mfa import has_admin_access
from members.models import MEMBERS_GROUP, MemberProfile

SILENT_MESSAGES = {
    "account/messages/logged_out.txt",
    # The code page itself says where the code went.
    "account/messages/login_code_sent.txt",
}


def user_display(user):
    """How a member is named in messages and mails: their name, else their address."""
    return user.get_full_name() or user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Kontot är inte aktivt."),
        "duplicate_email": _("Den här e-postadressen hör redan till ditt konto."),
        "email_password_mismatch": _(
            "E-postadressen eller lösenordet stämmer inte. Kontrollera stavningen och försök "
            "igen, eller logga in med en engångskod."
        ),
        "email_taken": _("Det finns redan ett konto med den här e-postadressen."),
        # Said when the current password typed on "Byt lösenord" is wrong.
        "enter_current_password": _("Det nuvarande lösenordet stämmer inte."),
        "incorrect_code": _("Koden stämmer inte. Kontrollera den i mejlet och försök igen."),
        "incorrect_password": _("Lösenordet stämmer inte."),
        "invalid_or_expired_key": _("Länken är ogiltig eller för gammal."),
        "invalid_login": _("Inloggningen misslyckades."),
        "invalid_password_reset": _("Länken för att återställa lösenordet är ogiltig."),
        "max_email_addresses": _("Du kan inte lägga till fler än %d e-postadresser."),
        "too_many_login_attempts": _(
            "För många misslyckade försök. Vänta några minuter och försök sedan igen."
        ),
        "unknown_email": _("E-postadressen hör inte till något konto."),
        "unverified_primary_email": _("Du behöver bekräfta din e-postadress först."),
        "same_as_current": _("Den nya e-postadressen är densamma som den du har nu."),
        "rate_limited": _(
            "Du har gjort för många försök på kort tid. Vänta en stund och försök sedan igen."
        ),
    }

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            MemberProfile.for_user(user)
            group, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
            user.groups.add(group)
        return user

    def login(self, request, user):
        super().login(request, user)
        if has_admin_access(user):
            request.session.set_expiry(0)  # a browser-session cookie

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        mail_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        mail_context.update(context)
        message = self.render_mail(template_prefix, email, mail_context)
        # robust: a mail server outage is logged, not turned into an error page after the
        # account change has already been saved.
        transaction.on_commit(message.send, robust=True)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        if message_template in SILENT_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)
