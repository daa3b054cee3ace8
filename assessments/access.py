"""Who may reach the workflow's pages.

Assessors and editors use accounts with admin access, so they are held to the admin's second
step (TOTP) on these front-end pages too: ``TwoFactorMiddleware.check_admin`` decides exactly
as it does for ``/admin/``. Without the permission a page does not exist (404).
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from members.accounts.mfa import TwoFactorMiddleware

ASSESS = "assessments.assess_examples"
MANAGE = "assessments.manage_assessments"


def staff_only(permission):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise Http404
            refused = TwoFactorMiddleware(None).check_admin(request)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
