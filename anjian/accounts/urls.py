from django.urls import path

from anjian.accounts import views

app_name = "accounts"
urlpatterns = [
    path("otp/", views.otp, name="otp"),
    path("password/", views.password, name="password"),
]
