"""Member account pages beyond allauth's own (profile, consent), under /konto/."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("profil/", views.profile, name="account_profile"),
    path("", include("members.privacy.urls")),
]
