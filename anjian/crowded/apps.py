from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrowdedConfig(AppConfig):
    name = "anjian.crowded"
    verbose_name = _("Crowded places")
    nav = []
