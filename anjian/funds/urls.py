from django.urls import path

from anjian.funds import views

app_name = "funds"

urlpatterns = [
    path("", views.fund_list, name="fund_list"),
    path("new/", views.fund_create, name="fund_create"),
    path("export/", views.fund_export, name="fund_export"),
    path("<int:pk>/", views.fund_detail, name="fund_detail"),
    path("<int:pk>/edit/", views.fund_edit, name="fund_edit"),
    path("<int:pk>/allocations/", views.fund_allocate, name="fund_allocate"),
    path("<int:pk>/spending/", views.fund_spend, name="fund_spend"),
    path("vouchers/<int:pk>/", views.voucher_download, name="voucher_download"),
]
