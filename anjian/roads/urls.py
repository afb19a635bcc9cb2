from django.urls import path

from anjian.roads import views

app_name = "roads"

urlpatterns = [
    path("", views.section_list, name="section_list"),
    path("sections/new/", views.section_create, name="section_create"),
    path("sections/<int:pk>/", views.section_detail, name="section_detail"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/sign-off/", views.section_sign_off, name="section_sign_off"),
]
