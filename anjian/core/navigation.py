"""The main menu, defined once as data: groups of entries, rendered by `base.html`.

Each entry names its page (a URL name), the permission code a user must hold to see it (the
page itself may be looser: an enterprise user may open the duty rosters, but they are not its
work), and the kinds of open task (`reports.todo`) whose count stands beside it. A group shows
only the entries the user may see; a group with one visible entry is a plain link, an empty group
is left out. An entry whose URL name does not resolve (its app is not installed) is left out, so
adding a page to the menu is one line here.

The enterprise user's menu is about its own unit: its risk points, hazards, self-checks, plans,
licences and warnings; no county map, county statistics or duty rosters (those entries ask for
`government`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    permission: str = "view"
    # Task kinds (reports.todo) counted beside the entry: what waits on the user there.
    pending: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)


ALL_TASKS = (
    "hazard_action",
    "warning_confirm",
    "roster_file",
    "accident_forward",
    "plan_evaluation",
    "drill_due",
    "licence_expiring",
    "certificate_expiring",
    "watch_inspection",
    "case_verify",
)

MENU: tuple[Group, ...] = (
    Group(
        "workbench",
        _("Workbench"),
        (Entry(_("Workbench"), "todo", "write", pending=ALL_TASKS),),
    ),
    Group(
        "cockpit",
        _("Leader cockpit"),
        (
            Entry(_("Leader cockpit"), "cockpit", "leader"),
            Entry(_("Meeting briefing"), "reports:briefing", "leader"),
        ),
    ),
    Group(
        "prevention",
        _("Dual prevention"),
        (
            Entry(_("Risk points"), "risks:point_list"),
            Entry(_("Four-colour map"), "risks:map", "government"),
            Entry(_("High-risk watch-list"), "risks:watch_list", "government"),
            Entry(_("Hidden hazards"), "hazards:hazard_list", pending=("hazard_action",)),
            Entry(_("Inspections"), "inspections:inspection_list"),
            Entry(_("Campaigns"), "inspections:campaign_list", "government"),
            Entry(_("Random inspection draws"), "inspections:draw_list", "officer"),
            Entry(_("Checklists"), "inspections:checklist_list", "government"),
            Entry(_("12350 reports"), "public_reports:report_list", "officer"),
        ),
    ),
    Group(
        "accidents",
        _("Accidents"),
        (
            Entry(_("Accidents"), "accidents:accident_list", pending=("accident_forward",)),
            Entry(_("Accident statistics"), "accidents:accident_stats", "government"),
        ),
    ),
    Group(
        "duty",
        _("Duty and warnings"),
        (
            Entry(_("Early warnings"), "alerts:alert_list", pending=("warning_confirm",)),
            Entry(_("Duty"), "duty:roster_list", "government", pending=("roster_file",)),
            Entry(_("Work calendar"), "duty:calendar", "government"),
            Entry(_("Publicity"), "alerts:publicity_list", "government"),
        ),
    ),
    Group(
        "foundations",
        _("Foundations"),
        (
            Entry(_("Production units"), "registry:enterprise_list"),
            Entry(_("Licences"), "registry:licence_list", pending=("licence_expiring",)),
            Entry(_("Major hazard sources"), "registry:hazard_source_list"),
            Entry(
                _("Emergency plans"),
                "emergency:plan_list",
                pending=("plan_evaluation", "drill_due"),
            ),
            Entry(
                _("Certificates"),
                "certificates:certificate_list",
                pending=("certificate_expiring",),
            ),
            Entry(_("Inspectors"), "workforce:inspector_list", "government"),
            Entry(_("Trainings"), "workforce:training_list"),
            Entry(_("Special funds"), "funds:fund_list", "government"),
        ),
    ),
    Group(
        "sectors",
        _("Key sectors"),
        (
            Entry(_("Forest fire"), "forestfire:home", "government"),
            Entry(
                _("Fireworks"),
                "fireworks:home",
                "government",
                pending=("licence_expiring", "watch_inspection", "case_verify"),
            ),
            Entry(_("Tailings ponds"), "mines:pond_list", "government"),
            Entry(_("Mined-out areas"), "mines:void_list", "government"),
            Entry(_("Small open-pit quarries"), "mines:quarry_list", "government"),
            Entry(_("One mine, one plan (一矿一策)"), "mines:plan_list", "government"),
            Entry(_("Hazardous chemicals"), "chemicals:stock_list"),
            Entry(_("Dangerous road sections"), "roads:section_list", "government"),
            Entry(_("Crowded places"), "crowded:place_list", "government"),
        ),
    ),
    Group(
        "assessment",
        pgettext_lazy("menu", "Assessment"),
        (
            Entry(_("Assessment results"), "assessment:result_list", "government"),
            Entry(_("Responsibilities"), "assessment:responsibility_list", "government"),
            Entry(_("Responsibility lists"), "assessment:enterprise_lists_index"),
            Entry(_("Supervision gaps"), "assessment:gap_list", "government"),
            Entry(_("Accountability"), "assessment:accountability_list", "government"),
        ),
    ),
    Group(
        "settings",
        _("Settings"),
        (
            Entry(_("Notification channels"), "notifications:channel_list", "officer"),
            Entry(_("Rule settings"), "rule_settings", "county_admin"),
            Entry(_("Audit log"), "audit_list", "audit"),
        ),
    ),
)
