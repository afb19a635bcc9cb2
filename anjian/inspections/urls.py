from django.urls import path

from anjian.inspections import campaign_views, draw_views, views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("new/", views.inspection_create, name="inspection_create"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("checklists/", views.checklist_list, name="checklist_list"),
    path("checklists/new/", views.checklist_create, name="checklist_create"),
    path("checklists/<int:pk>/", views.checklist_detail, name="checklist_detail"),
    path("checklists/<int:pk>/edit/", views.checklist_edit, name="checklist_edit"),
    path(
        "checklists/<int:pk>/items/new/", views.checklist_item_create, name="checklist_item_create"
    ),
    path("checklist-items/<int:pk>/edit/", views.checklist_item_edit, name="checklist_item_edit"),
    path("campaigns/", campaign_views.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaign_views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaign_views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaign_views.campaign_edit, name="campaign_edit"),
    path(
        "campaigns/<int:pk>/progress.xlsx", campaign_views.campaign_export, name="campaign_export"
    ),
    path(
        "campaigns/<int:pk>/targets/add/",
        campaign_views.campaign_target_add,
        name="campaign_target_add",
    ),
    path(
        "campaign-targets/<int:pk>/remove/",
        campaign_views.campaign_target_remove,
        name="campaign_target_remove",
    ),
    path("draws/", draw_views.draw_list, name="draw_list"),
    path("draws/new/", draw_views.draw_create, name="draw_create"),
    path("draws/<int:pk>/", draw_views.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/campaign/", draw_views.draw_campaign, name="draw_campaign"),
]
