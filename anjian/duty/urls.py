from django.urls import path

from anjian.duty import views, views_calendar, views_log

app_name = "duty"
urlpatterns = [
    path("rosters/", views.roster_list, name="roster_list"),
    path("rosters/new/", views.roster_create, name="roster_create"),
    path("rosters/filing/", views.filing_overview, name="filing_overview"),
    path("rosters/<int:pk>/", views.roster_detail, name="roster_detail"),
    path("rosters/<int:pk>/edit/", views.roster_edit, name="roster_edit"),
    path("rosters/<int:pk>/delete/", views.roster_delete, name="roster_delete"),
    path("rosters/<int:pk>/roster.xlsx", views.roster_export, name="roster_export"),
    path("rosters/<int:pk>/print/", views.roster_print, name="roster_print"),
    path("handovers/", views_log.handover_list, name="handover_list"),
    path("handovers/new/", views_log.handover_create, name="handover_create"),
    path("reports/", views_log.report_list, name="report_list"),
    path("reports/new/", views_log.report_create, name="report_create"),
    path("reports/<int:pk>/edit/", views_log.report_edit, name="report_edit"),
    path("checks/", views_log.check_list, name="check_list"),
    path("checks/new/", views_log.check_create, name="check_create"),
    path("checks/summary/", views_log.check_summary, name="check_summary"),
    path("calendar/", views_calendar.calendar_year, name="calendar"),
    path("calendar/settings/", views_calendar.calendar_settings, name="calendar_settings"),
    path(
        "calendar/settings/<slug:kind>/new/",
        views_calendar.calendar_item_edit,
        name="calendar_item_create",
    ),
    path(
        "calendar/settings/<slug:kind>/<int:pk>/",
        views_calendar.calendar_item_edit,
        name="calendar_item_edit",
    ),
    path(
        "calendar/settings/<slug:kind>/<int:pk>/delete/",
        views_calendar.calendar_item_delete,
        name="calendar_item_delete",
    ),
]
