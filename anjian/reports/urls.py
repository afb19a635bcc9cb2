from django.urls import path

from anjian.reports import views

app_name = "reports"
urlpatterns = [
    path("briefing/", views.briefing, name="briefing"),
]
