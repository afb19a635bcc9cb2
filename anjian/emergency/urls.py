from django.urls import path

from anjian.emergency import views

app_name = "emergency"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("overdue/", views.overdue_list, name="overdue_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("import/", views.plan_import, name="plan_import"),
    path("import/template/", views.plan_template, name="plan_template"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/revisions/", views.plan_revision_add, name="plan_revision_add"),
    path("<int:pk>/attachments/", views.plan_attach, name="plan_attach"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/drills/new/", views.drill_create, name="drill_create"),
    path("drills/<int:pk>/", views.drill_detail, name="drill_detail"),
    path("drills/<int:pk>/hazard/", views.drill_hazard, name="drill_hazard"),
]
