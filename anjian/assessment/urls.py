from django.urls import path

from anjian.assessment import views, views_lists, views_scoring

app_name = "assessment"
urlpatterns = [
    path("responsibilities/", views.responsibility_list, name="responsibility_list"),
    path("responsibilities/export.xlsx", views.responsibility_export, name="responsibility_export"),
    path(
        "responsibilities/template.xlsx",
        views.responsibility_template,
        name="responsibility_template",
    ),
    path("responsibilities/import/", views.responsibility_import, name="responsibility_import"),
    path("responsibilities/new/", views.responsibility_create, name="responsibility_create"),
    path("responsibilities/<int:pk>/edit/", views.responsibility_edit, name="responsibility_edit"),
    path("sectors/", views.sector_duty_list, name="sector_duty_list"),
    path("sectors/<int:pk>/edit/", views.sector_duty_edit, name="sector_duty_edit"),
    path("gaps/", views.gap_list, name="gap_list"),
    path("results/", views_scoring.result_list, name="result_list"),
    path("results/export.xlsx", views_scoring.result_export, name="result_export"),
    path("results/report.docx", views_scoring.result_report, name="result_report"),
    path("results/publish/", views_scoring.result_publish, name="result_publish"),
    path("results/correct/", views_scoring.result_correct, name="result_correct"),
    path(
        "results/<int:year>/<slug:unit_kind>/<slug:unit_code>/",
        views_scoring.result_detail,
        name="result_detail",
    ),
    path(
        "results/<int:year>/<slug:unit_kind>/<slug:unit_code>/<slug:item>/",
        views_scoring.hand_score_set,
        name="hand_score_set",
    ),
    path("schemes/<int:year>/", views_scoring.scheme_edit, name="scheme_edit"),
    path("targets/", views_scoring.target_edit, name="target_edit"),
    path("accountability/", views.accountability_list, name="accountability_list"),
    path("accountability/new/", views.accountability_create, name="accountability_create"),
    path("accidents/<int:pk>/findings/", views.finding_create, name="finding_create"),
    path("enterprises/", views_lists.enterprise_lists_index, name="enterprise_lists_index"),
    path("enterprises/<int:pk>/", views_lists.enterprise_lists, name="enterprise_lists"),
    path(
        "enterprises/<int:pk>/positions/new/",
        views_lists.safety_position_create,
        name="safety_position_create",
    ),
    path("positions/<int:pk>/edit/", views_lists.safety_position_edit, name="safety_position_edit"),
    path("enterprises/<int:pk>/five/", views_lists.five_in_place_set, name="five_in_place_set"),
    path(
        "five-evidence/<int:pk>/", views_lists.five_evidence_download, name="five_evidence_download"
    ),
]
