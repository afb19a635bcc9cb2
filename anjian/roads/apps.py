from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadsConfig(AppConfig):
    name = "anjian.roads"
    verbose_name = _("Dangerous road sections")
    nav = []
