"""Two-factor authentication: required for every account that can reach the Wagtail admin.

Editors and administrators log in through allauth (``WAGTAILADMIN_LOGIN_URL``), where a
password or an e-mailed code is followed by the code from their authenticator app (TOTP).
``AdminRequiresMFAMiddleware`` holds the admin itself shut to any session that did not pass
that step: an admin-capable account without an authenticator is sent to set one up, one with
an authenticator but a session without the TOTP step is asked for a code first. Members, who
have no admin access, may turn TOTP on but are never made to.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
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
    """Whether this session's login included an authenticator code (allauth's own record)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


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


class AdminRequiresMFAMiddleware:
    """No session gets into the admin unless it logged in with an authenticator code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(ADMIN_PREFIX) and not path.startswith(ADMIN_OPEN_PATHS):
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
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
        if not session_passed_mfa(request):
            return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        return None


@csrf_exempt  # it only redirects; the login form it leads to carries the CSRF check
@rate_limited("admin_login")
def admin_login(request):
    """``/admin/login/``: Wagtail's own form would skip the TOTP step, so send to allauth's.

    Whatever arrives here, a bookmarked GET or a script POSTing passwords, is counted against
    ``RATE_LIMITS["admin_login"]`` and redirected; nothing is checked or logged in here.
    """
    target = request.GET.get(REDIRECT_FIELD_NAME) or ADMIN_PREFIX
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ADMIN_PREFIX
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")
