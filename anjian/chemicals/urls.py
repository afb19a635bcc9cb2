from django.urls import path

from anjian.chemicals import views

app_name = "chemicals"

urlpatterns = [
    path("", views.stock_list, name="stock_list"),
    path("weather/", views.weather_reach, name="weather_reach"),
    path("enterprises/<int:pk>/", views.enterprise_stock, name="enterprise_stock"),
    path("enterprises/<int:pk>/new/", views.stock_create, name="stock_create"),
    path("<int:pk>/edit/", views.stock_edit, name="stock_edit"),
    path("<int:pk>/delete/", views.stock_delete, name="stock_delete"),
]
