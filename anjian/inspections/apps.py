from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "anjian.inspections"
    verbose_name = _("Inspections and campaigns")
    nav = [
        (_("Inspections"), "inspections:inspection_list", "view"),
        (_("Campaigns"), "inspections:campaign_list", "view"),
        (_("Random inspection draws"), "inspections:draw_list", "officer"),
        (_("Checklists"), "inspections:checklist_list", "view"),
    ]
