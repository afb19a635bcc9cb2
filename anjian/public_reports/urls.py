from django.urls import path

from anjian.public_reports import views

app_name = "public_reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    *[
        path(
            f"<int:pk>/{action}/", views.report_action, {"action": action}, name=f"report_{action}"
        )
        for action in views.FORMS
    ],
]
