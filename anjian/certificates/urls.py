from django.urls import path

from anjian.certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.certificate_list, name="certificate_list"),
    path("expiring/", views.expiring_list, name="expiring_list"),
    path("new/", views.certificate_create, name="certificate_create"),
    path("export/", views.certificate_export, name="certificate_export"),
    path("import/", views.certificate_import, name="certificate_import"),
    path("import/template/", views.certificate_template, name="certificate_template"),
    path("<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("<int:pk>/edit/", views.certificate_edit, name="certificate_edit"),
]
