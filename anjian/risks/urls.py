from django.urls import path

from anjian.risks import views, views_map

app_name = "risks"
urlpatterns = [
    path("points/", views.point_list, name="point_list"),
    path("points/new/", views.point_create, name="point_create"),
    path("points/export.xlsx", views.point_export, name="point_export"),
    path("points/template.xlsx", views.point_template, name="point_template"),
    path("points/import/", views.point_import, name="point_import"),
    path("points/<int:pk>/", views.point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", views.point_edit, name="point_edit"),
    path("points/<int:pk>/delete/", views.point_delete, name="point_delete"),
    path("points/<int:pk>/card/", views.point_card, name="point_card"),
    path("enterprises/<int:pk>/board/", views.enterprise_board, name="enterprise_board"),
    path("map/", views_map.risk_map, name="map"),
    path("map/print/", views_map.risk_map_print, name="map_print"),
    path("watch-list/", views_map.watch_list, name="watch_list"),
    path("bands/", views_map.bands, name="bands"),
    path("bands/new/", views_map.bands_create, name="bands_create"),
    path("outlines/", views_map.outlines, name="outlines"),
]
