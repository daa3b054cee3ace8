"""Two-factor authentication: required for every account that can reach the Wagtail admin.

There is one way to log in: allauth's (``/konto/login/``), with its rate limits, e-mail
verification and, for every account with an authenticator app, the code from the app (TOTP).
The other login forms the frameworks mount, the admin's ``/admin/login/`` and Wagtail's
front-end ``/_util/login/`` (for pages restricted to signed-in visitors), only redirect there
(``login_redirect``). ``TwoFactorMiddleware`` then holds every session to the second step its
account requires:

- a session of an account with an authenticator whose own login did not include a code (it
  was opened some other way, or before the app was added) is logged out and sent to the login;
  so it can never list recovery codes, switch the app off or set up another one;
- a code typed to *re*-authenticate never counts as the second step: allauth accepts a recovery
  code there once the password has been typed again, which would otherwise turn a password
  into a pass to the admin;
- the admin is shut to any session that did not pass the step: an admin-capable account
  without an authenticator is sent to set one up (typing the first code is the step).

Members, who have no admin access, may turn TOTP on but are never made to.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from website.ratelimit import rate_limited

ADMIN_PREFIX = "/admin/"
# Leaving the admin must always work; logging in is allauth's page (see urls).
ADMIN_OPEN_PATHS = ("/admin/login/", "/admin/logout/")
ADMIN_PERMISSION = "wagtailadmin.access_admin"


def has_admin_access(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(ADMIN_PERMISSION))


def has_totp(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def session_passed_mfa(request) -> bool:
    """Whether this session's own login, or the set-up of its app, included an app code.

    allauth records every authentication of the session; a code typed at its
    re-authentication page is marked ``reauthenticated`` and does not count (see the module's
    docstring). The activation record comes from ``mfa_forms.ActivateForm``.
    """
    records = get_authentication_records(request, request.user)
    return any(
        record.get("method") == "mfa" and not record.get("reauthenticated") for record in records
    )


def skipped_second_step(request) -> bool:
    """A signed-in session of an account with an app, whose login did not ask for its code."""
    return not session_passed_mfa(request) and has_totp(request.user)


class MFAAdapter(DefaultMFAAdapter):
    """allauth MFA in our Swedish; admin accounts cannot switch their TOTP off."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "Du kan inte lägga till en e-postadress medan tvåstegsverifiering är påslagen."
        ),
        "cannot_delete_authenticator": _(
            "Ditt konto har tillgång till redaktörsverktyget och måste därför ha "
            "tvåstegsverifiering. Den kan inte stängas av."
        ),
        "cannot_generate_recovery_codes": _(
            "Slå på tvåstegsverifiering med en autentiseringsapp innan du skapar reservkoder."
        ),
        "incorrect_code": _("Koden stämmer inte. Skriv in koden som appen visar just nu."),
        "unverified_email": _("Bekräfta din e-postadress innan du slår på tvåstegsverifiering."),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP and has_admin_access(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)


class TwoFactorMiddleware:
    """Every session passed the second step its account requires; the admin requires one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and skipped_second_step(request):
            return self.log_out(request)
        path = request.path
        if path.startswith(ADMIN_PREFIX) and not path.startswith(ADMIN_OPEN_PATHS):
            response = self.check_admin(request)
            if response is not None:
                return response
        return self.get_response(request)

    @staticmethod
    def log_out(request):
        """End a session that never passed its second step, and ask for a full login."""
        next_path = request.get_full_path() if request.method in ("GET", "HEAD") else "/"
        logout(request)
        messages.warning(
            request,
            _(
                "Av säkerhetsskäl behöver du logga in igen. Ditt konto har "
                "tvåstegsverifiering, så efter lösenordet ber vi om koden från din "
                "autentiseringsapp."
            ),
            fail_silently=True,
        )
        return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_path})}")

    def check_admin(self, request):
        user = request.user
        if not user.is_authenticated:
            return None  # Wagtail sends the visitor to the login page.
        if not has_admin_access(user):
            # Wagtail would send a signed-in member to the login page, which sends a signed-in
            # visitor back where they came from: a redirect loop. Say it instead.
            messages.error(
                request,
                _(
                    "Ditt konto har inte tillgång till redaktörsverktyget. Det är till för "
                    "webbplatsens redaktörer; som medlem delar du exempel under Dela med dig."
                ),
                fail_silently=True,
            )
            return redirect("account_profile")
        next_query = urlencode({"next": request.get_full_path()})
        if not has_totp(user):
            messages.warning(
                request,
                _(
                    "Ditt konto har tillgång till redaktörsverktyget. För att skydda webbplatsen "
                    "måste du logga in med tvåstegsverifiering: koppla en autentiseringsapp "
                    "till kontot här, så kommer du vidare till redaktörsverktyget."
                ),
                fail_silently=True,
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
        if not session_passed_mfa(request):  # a session that skipped the step never gets here
            return self.log_out(request)
        if not request.session.get_expire_at_browser_close():
            # A member made editor while signed in with "Kom ihåg mig": an admin session is
            # never remembered (AccountAdapter.login does the same at login).
            request.session.set_expiry(0)
        return None


def login_redirect(default_next: str):
    """A view standing in for a framework's own login form: it sends to allauth's login.

    Wagtail's admin form (``/admin/login/``) and its front-end form (``/_util/login/``) log a
    user in with a password alone, without allauth's rate limits, verification or second step.
    Whatever arrives at them, a bookmarked GET or a script POSTing passwords, is counted against
    ``RATE_LIMITS["admin_login"]`` and redirected; nothing is checked or logged in here.
    """

    @csrf_exempt  # it only redirects; the login form it leads to carries the CSRF check
    @rate_limited("admin_login")
    def view(request):
        target = request.GET.get(REDIRECT_FIELD_NAME) or default_next
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = default_next
        query = urlencode({REDIRECT_FIELD_NAME: target})
        return redirect(f"{reverse('account_login')}?{query}")

    return view


admin_login = login_redirect(ADMIN_PREFIX)
frontend_login = login_redirect("/")
