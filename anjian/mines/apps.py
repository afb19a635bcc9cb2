from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinesConfig(AppConfig):
    name = "anjian.mines"
    verbose_name = _("Tailings ponds and mines")
    nav = []
