"""A way into the admin for tests: every account with admin access must log in with TOTP.

``login_with_mfa`` is for Django's test client and records the login in the session exactly as
allauth does after a password and a TOTP code; ``browser_login_with_mfa`` goes through the real
forms in Playwright. A TOTP code is accepted once only (allauth remembers used codes), so the
browser helper waits for a fresh 30-second window before reusing a secret.
"""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

# Must equal examples.demo.loader.DEMO_EDITOR_TOTP_SECRET (tests/security/test_mfa.py checks).
DEMO_EDITOR_TOTP_SECRET = "M5XWIYJNMV4GK3LQMVWC24TFMRQWW5BB"  # nosec B105 - dev-only demo
TOTP_PERIOD = 30

# Which time window each secret last produced a code for, so no code is offered twice.
_last_window: dict[str, int] = {}


def totp_code(secret: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows for ``secret`` now (or at ``at``)."""
    counter = int(time.time() if at is None else at) // TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def fresh_totp_code(secret: str) -> str:
    """A code for a window this process has not used yet for ``secret`` (waits if needed)."""
    window = int(time.time()) // TOTP_PERIOD
    if _last_window.get(secret) == window:
        time.sleep((window + 1) * TOTP_PERIOD - time.time() + 0.2)
        window = int(time.time()) // TOTP_PERIOD
    _last_window[secret] = window
    return totp_code(secret)


def ensure_totp(user, secret: str = DEMO_EDITOR_TOTP_SECRET) -> Authenticator:
    """The user's TOTP authenticator, created with ``secret`` if they have none."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret).instance


def login_with_mfa(client, user) -> None:
    """Log ``user`` in on the test client as if by password and then a TOTP code."""
    authenticator = ensure_totp(user)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def browser_login_with_mfa(page, base_url, email, password, secret, next="/admin/") -> None:
    """Log in through the site's forms in Playwright: password, then the TOTP code."""
    from urllib.parse import quote

    base_url = base_url.rstrip("/")
    page.goto(f"{base_url}/konto/login/?next={quote(next)}")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    assert "/konto/2fa/authenticate/" in page.url, f"no TOTP step after the password: {page.url}"
    page.fill("#id_code", fresh_totp_code(secret))
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    assert page.url.split("?")[0].endswith(next.split("?")[0]), f"ended on {page.url}"
