from django.urls import path

from search import views

urlpatterns = [
    path("", views.search, name="search"),
    path("forslag/", views.suggest, name="search_suggest"),
]
