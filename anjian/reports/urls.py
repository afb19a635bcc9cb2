from django.urls import path

from anjian.reports import views

app_name = "reports"
urlpatterns = [
    path("briefing/", views.briefing, name="briefing"),
    path("enterprises/<int:pk>/", views.enterprise_file, name="enterprise_file"),
    path("towns/<int:pk>/", views.town_file, name="town_file"),
    path("departments/<int:pk>/", views.department_file, name="department_file"),
]
