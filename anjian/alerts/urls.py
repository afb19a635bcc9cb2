from django.urls import path

from anjian.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("new/", views.alert_create, name="alert_create"),
    path("deadlines/", views.policy_edit, name="policy_edit"),
    path("<int:pk>/", views.alert_detail, name="alert_detail"),
    path("<int:pk>/confirm/", views.alert_confirm, name="alert_confirm"),
    path("publicity/", views.publicity_list, name="publicity_list"),
    path("publicity/new/", views.publicity_create, name="publicity_create"),
    path("channels/", views.channel_list, name="channel_list"),
    path("channels/new/", views.channel_create, name="channel_create"),
    path("channels/<int:pk>/", views.channel_edit, name="channel_edit"),
    path("channels/<int:pk>/delete/", views.channel_delete, name="channel_delete"),
    path("channels/<int:pk>/test/", views.channel_test, name="channel_test"),
]
