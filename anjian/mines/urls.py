from django.urls import path

from anjian.mines import views

app_name = "mines"

urlpatterns = [
    path("readings/import/", views.reading_import, name="reading_import"),
    path("readings/import/template/", views.reading_template, name="reading_template"),
]
