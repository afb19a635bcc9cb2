from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FireworksConfig(AppConfig):
    name = "anjian.fireworks"
    verbose_name = _("Fireworks")
    nav: list = []  # the lead adds fireworks:home to the role navigation
