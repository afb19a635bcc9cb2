from django.urls import path

from anjian.mines import views

app_name = "mines"

urlpatterns = [
    path("tailings-ponds/", views.pond_list, name="pond_list"),
    path("tailings-ponds/new/", views.pond_create, name="pond_create"),
    path("tailings-ponds/<int:pk>/", views.pond_detail, name="pond_detail"),
    path("tailings-ponds/<int:pk>/edit/", views.pond_edit, name="pond_edit"),
    path(
        "tailings-ponds/<int:pk>/flood-check/<int:year>/",
        views.flood_check,
        name="flood_check",
    ),
    path("flood-checks/<int:pk>/report/", views.flood_report, name="flood_report"),
    path("mined-out-areas/", views.void_list, name="void_list"),
    path("mined-out-areas/new/", views.void_create, name="void_create"),
    path("mined-out-areas/<int:pk>/", views.void_detail, name="void_detail"),
    path("mined-out-areas/<int:pk>/edit/", views.void_edit, name="void_edit"),
    path("quarries/", views.quarry_list, name="quarry_list"),
    path("quarries/new/", views.quarry_create, name="quarry_create"),
    path("quarries/<int:pk>/", views.quarry_detail, name="quarry_detail"),
    path("quarries/<int:pk>/edit/", views.quarry_edit, name="quarry_edit"),
    path("mine-plans/", views.plan_list, name="plan_list"),
    path("mine-plans/new/", views.plan_create, name="plan_create"),
    path("mine-plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("mine-plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("mine-plans/<int:pk>/attachment/", views.plan_attachment, name="plan_attachment"),
    path("readings/import/", views.reading_import, name="reading_import"),
    path("readings/import/template/", views.reading_template, name="reading_template"),
]
