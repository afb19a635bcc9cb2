from django.urls import path

from anjian.fireworks import views

app_name = "fireworks"

urlpatterns = [
    path("", views.home, name="home"),
    path("watch-list/", views.watch_list, name="watch_list"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    *[
        path(
            f"cases/<int:pk>/{action}/", views.case_step, {"action": action}, name=f"case_{action}"
        )
        for action in views.STEPS
    ],
    path("exits/new/", views.conversion_create, name="conversion_create"),
    path("firing-rules/new/", views.firing_rule_create, name="firing_rule_create"),
]
