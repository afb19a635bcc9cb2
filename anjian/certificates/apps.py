from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "anjian.certificates"
    verbose_name = _("Certificates")
    nav = [
        (_("Certificates"), "certificates:certificate_list", "view"),
    ]
