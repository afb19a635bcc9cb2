from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "anjian.funds"
    verbose_name = _("Special funds")
    nav = [
        (_("Special funds"), "funds:fund_list", "government"),
    ]
