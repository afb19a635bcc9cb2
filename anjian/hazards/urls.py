from django.urls import path

from anjian.hazards import views

app_name = "hazards"
urlpatterns = [
    path("", views.hazard_list, name="hazard_list"),
    path("new/", views.hazard_create, name="hazard_create"),
    path("export.xlsx", views.hazard_export, name="hazard_export"),
    path("template.xlsx", views.hazard_template, name="hazard_template"),
    path("quarterly.xlsx", views.hazard_quarter_export, name="hazard_quarter_export"),
    path("import/", views.hazard_import, name="hazard_import"),
    path("<int:pk>/", views.hazard_detail, name="hazard_detail"),
    path("<int:pk>/edit/", views.hazard_edit, name="hazard_edit"),
    path("<int:pk>/transition/", views.hazard_transition, name="hazard_transition"),
    path("<int:pk>/evidence/", views.hazard_evidence_upload, name="hazard_evidence_upload"),
    path("<int:pk>/extension/", views.hazard_extension_request, name="hazard_extension_request"),
    path(
        "<int:pk>/extension/<int:extension_id>/decide/",
        views.hazard_extension_decide,
        name="hazard_extension_decide",
    ),
    path("<int:pk>/order.docx", views.hazard_order_docx, name="hazard_order_docx"),
    path("<int:pk>/supervision.docx", views.hazard_notice_docx, name="hazard_notice_docx"),
    path("evidence/<int:pk>/", views.hazard_evidence_download, name="hazard_evidence_download"),
]
