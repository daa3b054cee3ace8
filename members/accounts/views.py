"""The member's own account pages beyond allauth's: the profile with the contact consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.models import MemberProfile

from .forms import ProfileForm


@never_cache
@login_required
def profile(request):
    """Edit one's own profile; there is no id in the URL, so nobody reaches another's."""
    member_profile = MemberProfile.for_user(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=member_profile, user=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Din profil är sparad."))
            return redirect("account_profile")
    else:
        form = ProfileForm(instance=member_profile, user=request.user)
    return render(
        request,
        "members/profile.html",
        {"form": form, "profile": member_profile, "account_section": "profile"},
    )
