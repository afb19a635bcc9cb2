from django.urls import path

from anjian.workforce import views

app_name = "workforce"

urlpatterns = [
    path("inspectors/", views.inspector_list, name="inspector_list"),
    path("inspectors/new/", views.inspector_create, name="inspector_create"),
    path("inspectors/export/", views.inspector_export, name="inspector_export"),
    path("inspectors/hours/", views.inspector_hours, name="inspector_hours"),
    path("inspectors/<int:pk>/", views.inspector_detail, name="inspector_detail"),
    path("inspectors/<int:pk>/edit/", views.inspector_edit, name="inspector_edit"),
    path("trainings/", views.training_list, name="training_list"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/export/", views.training_export, name="training_export"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("enterprises/", views.enterprise_training, name="enterprise_training"),
    path("inductions/", views.induction_list, name="induction_list"),
    path("inductions/new/", views.induction_create, name="induction_create"),
]
