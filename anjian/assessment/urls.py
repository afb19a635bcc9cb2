from django.urls import path

from anjian.assessment import views

app_name = "assessment"
urlpatterns = [
    path("responsibilities/", views.responsibility_list, name="responsibility_list"),
    path("responsibilities/export.xlsx", views.responsibility_export,
         name="responsibility_export"),
    path("responsibilities/template.xlsx", views.responsibility_template,
         name="responsibility_template"),
    path("responsibilities/import/", views.responsibility_import, name="responsibility_import"),
    path("responsibilities/new/", views.responsibility_create, name="responsibility_create"),
    path("responsibilities/<int:pk>/edit/", views.responsibility_edit,
         name="responsibility_edit"),
    path("sectors/", views.sector_duty_list, name="sector_duty_list"),
    path("sectors/<slug:code>/edit/", views.sector_duty_edit, name="sector_duty_edit"),
    path("gaps/", views.gap_list, name="gap_list"),
    path("accountability/", views.accountability_list, name="accountability_list"),
    path("accountability/new/", views.accountability_create, name="accountability_create"),
    path("accidents/<int:pk>/findings/", views.finding_create, name="finding_create"),
]
