from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "anjian.registry"
    verbose_name = _("Registry of production units")
    nav = [
        (_("Production units"), "registry:enterprise_list", "view"),
        (_("Licences"), "registry:licence_list", "view"),
        (_("Major hazard sources"), "registry:hazard_source_list", "view"),
    ]
