from django.urls import path

from anjian.forestfire import views

app_name = "forestfire"

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.fire_map, name="map"),
    path("fires/new/", views.fire_create, name="fire_create"),
    path("fires/<int:pk>/", views.fire_detail, name="fire_detail"),
    path("danger/new/", views.danger_create, name="danger_create"),
    path("danger/import/", views.danger_import, name="danger_import"),
    path("danger/import/template/", views.danger_template, name="danger_template"),
    path("permits/new/", views.permit_create, name="permit_create"),
    path("permits/<int:pk>/decide/", views.permit_decide, name="permit_decide"),
    path("areas/<int:pk>/", views.area_detail, name="area_detail"),
    path("patrols/new/", views.patrol_create, name="patrol_create"),
]
