from django.urls import path

from anjian.registry import views
from anjian.registry.hazard_sources import views as hazard_source_views

app_name = "registry"
urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/export.xlsx", views.enterprise_export, name="enterprise_export"),
    path("enterprises/template.xlsx", views.enterprise_template, name="enterprise_template"),
    path("enterprises/import/", views.enterprise_import, name="enterprise_import"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("enterprises/<int:pk>/licences/new/", views.licence_create, name="licence_create"),
    path("licences/", views.licence_list, name="licence_list"),
    path("licences/<int:pk>/edit/", views.licence_edit, name="licence_edit"),
    path("licences/<int:pk>/delete/", views.licence_delete, name="licence_delete"),
    path("hazard-sources/", hazard_source_views.hazard_source_list, name="hazard_source_list"),
    path(
        "hazard-sources/new/", hazard_source_views.hazard_source_create, name="hazard_source_create"
    ),
    path(
        "hazard-sources/<int:pk>/",
        hazard_source_views.hazard_source_detail,
        name="hazard_source_detail",
    ),
    path(
        "hazard-sources/<int:pk>/edit/",
        hazard_source_views.hazard_source_edit,
        name="hazard_source_edit",
    ),
    path(
        "hazard-sources/<int:pk>/delete/",
        hazard_source_views.hazard_source_delete,
        name="hazard_source_delete",
    ),
]
