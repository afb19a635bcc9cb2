from django.urls import path

from anjian.accounts import api

urlpatterns = [
    path("auth/token/", api.token, name="api-token"),
    path("auth/logout/", api.logout, name="api-logout"),
    path("auth/password/", api.password, name="api-password"),
    path("me/", api.me, name="api-me"),
    path("divisions/", api.divisions, name="api-divisions"),
]
