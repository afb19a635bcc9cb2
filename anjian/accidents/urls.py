from django.urls import path

from anjian.accidents import views

app_name = "accidents"
urlpatterns = [
    path("", views.accident_list, name="accident_list"),
    path("new/", views.accident_create, name="accident_create"),
    path("stats/", views.accident_stats, name="accident_stats"),
    path("bulletin/", views.bulletin_download, name="bulletin_download"),
    path("export.xlsx", views.accident_export, name="accident_export"),
    path("template.xlsx", views.accident_template, name="accident_template"),
    path("import/", views.accident_import, name="accident_import"),
    path("<int:pk>/", views.accident_detail, name="accident_detail"),
    path("<int:pk>/edit/", views.accident_edit, name="accident_edit"),
    path("<int:pk>/revise/", views.accident_revise, name="accident_revise"),
    path("<int:pk>/forward/", views.accident_forward, name="accident_forward"),
    path("<int:pk>/receive/", views.accident_receive, name="accident_receive"),
]
