"""The public's pages (no login): /report/ and /report/track/."""

from django.urls import path

from anjian.public_reports import views

app_name = "report"
urlpatterns = [
    path("", views.report_new, name="report_new"),
    path("track/", views.report_track, name="report_track"),
]
