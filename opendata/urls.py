"""Öppna data: every URL sits under a prefix no page uses (/api/, /flode/, /kalender/, /sok/)."""

from django.urls import path

from opendata import csv, feeds, ics, views, xlsx
from opendata.api import api
from website.ratelimit import search_budget, too_many_requests_text

urlpatterns = [
    path("api/", views.api_docs, name="opendata_api_docs"),
    path("api/v1/", api.urls),
    path("sok/export.csv", csv.search_csv, name="opendata_search_csv"),
    path("sok/export.xlsx", xlsx.search_xlsx, name="opendata_search_xlsx"),
    path("flode/nya-exempel/", feeds.NewExamplesFeed(), name="opendata_feed_new"),
    path("flode/steg/", feeds.StageChangesFeed(), name="opendata_feed_stages"),
    path("flode/nya-inforanden/", feeds.NewAdoptionsFeed(), name="opendata_feed_adoptions"),
    path("flode/bedomda/", feeds.AssessmentsFeed(), name="opendata_feed_assessments"),
    path(
        "flode/sok/",
        search_budget("feed", respond=too_many_requests_text)(feeds.SearchFeed()),
        name="opendata_feed_search",
    ),
    path("kalender/seminarium-<int:seminar_id>.ics", ics.seminar_ics, name="opendata_seminar_ics"),
]
