from django.urls import path

from anjian.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("new/", views.alert_create, name="alert_create"),
    path("deadlines/", views.policy_edit, name="policy_edit"),
    path("<int:pk>/", views.alert_detail, name="alert_detail"),
    path("<int:pk>/confirm/", views.alert_confirm, name="alert_confirm"),
    path("<int:pk>/pass-on/", views.alert_pass_on, name="alert_pass_on"),
    path("publicity/", views.publicity_list, name="publicity_list"),
    path("publicity/new/", views.publicity_create, name="publicity_create"),
]
