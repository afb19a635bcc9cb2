from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "anjian.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from anjian.core.validators import install_plausibility_rules

        install_plausibility_rules()
