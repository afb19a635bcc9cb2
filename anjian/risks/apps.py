from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "anjian.risks"
    verbose_name = _("Risk grading")
    nav = [
        (_("Risk points"), "risks:point_list", "view"),
        (_("Four-colour map"), "risks:map", "view"),
        (_("High-risk watch-list"), "risks:watch_list", "view"),
    ]
