from django.urls import path

from anjian.crowded import views

app_name = "crowded"

urlpatterns = [
    path("", views.place_list, name="place_list"),
    path("places/new/", views.place_create, name="place_create"),
    path("places/<int:pk>/", views.place_detail, name="place_detail"),
    path("places/<int:pk>/edit/", views.place_edit, name="place_edit"),
    path("places/<int:pk>/judgements/new/", views.judgement_create, name="judgement_create"),
]
