from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "anjian.assessment"
    verbose_name = _("Responsibility and assessment")
    nav = [
        (_("Responsibilities"), "assessment:responsibility_list", "government"),
        (_("Supervision gaps"), "assessment:gap_list", "government"),
        (_("Accountability"), "assessment:accountability_list", "government"),
        (_("Responsibility lists"), "assessment:enterprise_lists_index", "view"),
    ]
