from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicReportsConfig(AppConfig):
    name = "anjian.public_reports"
    verbose_name = _("12350 public reports")
