"""The member's data rights, under /konto/: download everything, delete the account."""

from django.urls import path

from . import views

urlpatterns = [
    path("mina-uppgifter.json", views.export, name="account_data_export"),
    path("radera/", views.delete_account, name="account_delete"),
]
