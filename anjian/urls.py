from django.conf import settings
from django.conf.urls.static import static
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from anjian.accidents import api as accidents_api
from anjian.accounts import api as accounts_api
from anjian.accounts import views as accounts_views
from anjian.alerts import api as alerts_api
from anjian.assessment import api as assessment_api
from anjian.certificates import api as certificates_api
from anjian.chemicals import api as chemicals_api
from anjian.core import api_routes, views_rules
from anjian.core import views as core_views
from anjian.crowded import api as crowded_api
from anjian.duty import api as duty_api
from anjian.emergency import api as emergency_api
from anjian.fireworks import api as fireworks_api
from anjian.forestfire import api as forestfire_api
from anjian.funds import api as funds_api
from anjian.hazards import api as hazards_api
from anjian.inspections import api as inspections_api
from anjian.mines import api as mines_api
from anjian.notifications import views as notification_views
from anjian.public_reports import api as public_reports_api
from anjian.registry import api as registry_api
from anjian.reports import api as reports_api
from anjian.reports import views as report_views
from anjian.risks import api as risks_api
from anjian.roads import api as roads_api
from anjian.workforce import api as workforce_api

# The areas with pages, each under /<label>/ with its own URL namespace.
AREA_URLS = [
    "accounts",
    "registry",
    "risks",
    "hazards",
    "inspections",
    "accidents",
    "duty",
    "alerts",
    "notifications",
    "assessment",
    "public_reports",
    "emergency",
    "reports",
    "mines",
    "certificates",
    "funds",
    "workforce",
    "forestfire",
    "fireworks",
    "chemicals",
    "roads",
    "crowded",
]
# The areas with API routes, each registering its viewsets on the one router.
API_AREAS = [
    api_routes,
    accounts_api,
    registry_api,
    risks_api,
    hazards_api,
    inspections_api,
    accidents_api,
    duty_api,
    alerts_api,
    assessment_api,
    public_reports_api,
    emergency_api,
    mines_api,
    chemicals_api,
    roads_api,
    crowded_api,
    certificates_api,
    funds_api,
    workforce_api,
    forestfire_api,
    fireworks_api,
    reports_api,
]

router = DefaultRouter()
router.include_root_view = False
for area in API_AREAS:
    area.register(router)

login_view = accounts_views.LoginView.as_view()
login_view.permission = "public"
set_language_view = login_not_required(set_language)
set_language_view.permission = "public"
schema_view = SpectacularAPIView.as_view()
schema_view.permission = "public"
# The split view serves Swagger UI's start script from 'self' (`?script`), which the CSP allows;
# the plain view inlines it and the CSP blocks it (a blank page).
docs_view = login_not_required(SpectacularSwaggerSplitView.as_view(url_name="schema"))
docs_view.permission = "public"

urlpatterns = [
    path("", report_views.home, name="home"),
    path("todo/", report_views.todo, name="todo"),
    path("cockpit/", report_views.cockpit, name="cockpit"),
    path("login/", login_view, name="login"),
    path("report/", include("anjian.public_reports.public_urls")),
    path("logout/", accounts_views.logout, name="logout"),
    path("i18n/setlang/", set_language_view, name="set_language"),
    path("notifications/", notification_views.notification_list, name="notification_list"),
    path(
        "notifications/<int:pk>/read/",
        notification_views.notification_read,
        name="notification_read",
    ),
    path("audit/", core_views.audit_list, name="audit_list"),
    path("settings/rules/", views_rules.rule_settings, name="rule_settings"),
    path("settings/rules/<str:key>/", views_rules.rule_setting_new, name="rule_setting_new"),
    path("api/v1/", include(router.urls)),
    path("api/v1/", include("anjian.accounts.api_urls")),
    path("api/schema/", schema_view, name="schema"),
    path("api/docs/", docs_view, name="api-docs"),
]
for label in AREA_URLS:
    urlpatterns.append(path(f"{label}/", include(f"anjian.{label}.urls")))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
