from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "anjian.workforce"
    verbose_name = _("Inspectors and training")
    nav = [
        (_("Inspectors"), "workforce:inspector_list", "government"),
        (_("Trainings"), "workforce:training_list", "view"),
    ]
