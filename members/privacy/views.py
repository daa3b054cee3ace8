"""Download one's own data as JSON; delete one's own account (policy: ``services``).

Neither URL carries an id: each works on ``request.user`` only, so nobody reaches another's.
"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from examples.models import ExamplePage

from . import services
from .forms import DeleteAccountForm


@never_cache
@login_required
@require_GET
def export(request):
    data = services.export_data(request.user, request=request)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mina-uppgifter-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    can_confirm = user.has_usable_password()
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and can_confirm and form.is_valid():
        services.delete_account(user)
        logout(request)
        messages.success(
            request,
            _(
                "Ditt konto och dina personuppgifter är raderade. Dina publicerade exempel "
                "finns kvar utan dina uppgifter."
            ),
        )
        return redirect("/")
    return render(
        request,
        "members/privacy_delete.html",
        {
            "form": form,
            "can_confirm": can_confirm,
            "published": ExamplePage.objects.filter(owner=user, live=True).count(),
            "unpublished": ExamplePage.objects.filter(owner=user, live=False).count(),
        },
        status=400 if form.errors else 200,
    )
