from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForestfireConfig(AppConfig):
    name = "anjian.forestfire"
    verbose_name = _("Forest fire prevention")
    nav: list = []  # the lead adds forestfire:home to the role navigation
