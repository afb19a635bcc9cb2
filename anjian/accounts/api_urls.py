from django.urls import path

from anjian.accounts import api

urlpatterns = [
    path("auth/token/", api.token, name="api-token"),
    path("me/", api.me, name="api-me"),
]
