"""Every cross-app hook, in one place: what the lower layers call in the apps above them.

`core` and `registry` may not import the area apps (docs/architecture.md, "Layers"), yet the
sweep, the import/export commands and an enterprise's move must reach them. They read these
lists of dotted paths (`anjian.core.hooks.resolve`); nothing is found by file name. A new step is
a new line here, in the order it runs. This module imports nothing.
"""

# `anjian sweep`: (label for the summary line, run(*, now) -> {counter: notifications created}).
SWEEP_STEPS = [
    ("risks", "anjian.risks.sweep.run"),
    ("risks", "anjian.risks.hazard_source_sweep.run"),
    ("hazards", "anjian.hazards.sweep.run"),
    ("accidents", "anjian.accidents.sweep.run"),
    ("duty", "anjian.duty.sweep.run"),
    ("alerts", "anjian.alerts.sweep.run"),
    ("public_reports", "anjian.public_reports.sweep.run"),
    ("emergency", "anjian.emergency.sweep.run"),
    ("crowded", "anjian.crowded.sweep.run"),
    ("roads", "anjian.roads.clusters.run"),
    ("certificates", "anjian.certificates.sweep.run"),
    ("workforce", "anjian.workforce.sweep.run"),
    ("forestfire", "anjian.forestfire.sweep.run"),
    ("fireworks", "anjian.fireworks.sweep.run"),
    ("mines", "anjian.mines.sweep.run"),
    ("notifications", "anjian.notifications.sweep.run"),
    ("assessment", "anjian.assessment.sweep.run"),
]

# `registry.services.enterprise_update`: records that copy an enterprise's town and sector for
# scoping follow it when it moves; each is called as f(*, actor, enterprise, via).
ENTERPRISE_MOVED = [
    "anjian.risks.enterprise_sync.enterprise_moved",
    "anjian.hazards.enterprise_sync.enterprise_moved",
]

# `inspections.draws` (双随机): the inspector register it draws from. DRAW_INSPECTORS:
# pool(*, actor, day) -> (inspector ids, {inspector id: [conflicting unit ids]});
# DRAWN_INSPECTORS: records(ids) -> {id: inspector} for the published draw.
DRAW_INSPECTORS = ["anjian.workforce.selectors.draw_pool"]
DRAWN_INSPECTORS = ["anjian.workforce.selectors.drawn_inspectors"]

# `anjian import` and the import pages: lists of core.excel.Importer classes.
IMPORTERS = [
    "anjian.registry.imports.IMPORTERS",
    "anjian.risks.imports.IMPORTERS",
    "anjian.hazards.imports.IMPORTERS",
    "anjian.accidents.imports.IMPORTERS",
    "anjian.assessment.imports.IMPORTERS",
    "anjian.emergency.imports.IMPORTERS",
    "anjian.mines.imports.IMPORTERS",
    "anjian.certificates.imports.IMPORTERS",
    "anjian.forestfire.imports.IMPORTERS",
]

# `anjian export`: {kind: export(actor, stream)} dictionaries.
EXPORTERS = [
    "anjian.registry.exports.EXPORTERS",
    "anjian.risks.exports.EXPORTERS",
    "anjian.hazards.exports.EXPORTERS",
    "anjian.accidents.exports.EXPORTERS",
    "anjian.assessment.exports.EXPORTERS",
    "anjian.certificates.exports.EXPORTERS",
    "anjian.funds.exports.EXPORTERS",
    "anjian.workforce.exports.EXPORTERS",
]

# `anjian briefing` (reports.briefing.standings): the published assessment results of a year,
# each f(*, actor, year) -> rows with rank, unit, score, grade. Empty: the briefing says that no
# results are published yet.
BRIEFING_STANDINGS = ["anjian.assessment.results.standings"]
# `watch-list/` (fireworks.watch.watch_list): functions f(*, actor, today) -> [{"enterprise" (the
# Enterprise), "reason", "since", "last_inspection", "inspection_due"}], each adding its reasons;
# the list sets `overdue` and orders the rows.
WATCH_LIST_SOURCES = [
    "anjian.fireworks.watch.licence_expired",
    "anjian.fireworks.watch.converted_follow_up",
    "anjian.mines.watch.watch_entries",
]

# `alerts.services.alert_publish`: functions f(alert) -> {enterprise id: [reasons]}, the units a
# warning reaches directly (each gets its own 签收).
WARNING_ENTERPRISES = [
    "anjian.chemicals.warnings.enterprises_for",
]

# The work calendar page (duty): county rules shown for the year, each a function
# items(*, first, last) -> [{"title", "start", "end", "detail"}] (fireworks: 禁放/限放).
CALENDAR_ITEMS = [
    "anjian.fireworks.calendar.items",
]

# The workbench (`todo/`): functions todo_tasks(user) -> [{"kind", "title", "url", "due",
# "overdue"}], each the user's open tasks of its kinds, in at most one query per kind.
TODO_SOURCES = [
    "anjian.hazards.todo.todo_tasks",
    "anjian.alerts.todo.todo_tasks",
    "anjian.duty.todo.todo_tasks",
    "anjian.accidents.todo.todo_tasks",
    "anjian.emergency.todo.todo_tasks",
    "anjian.registry.todo.todo_tasks",
    "anjian.certificates.selectors.todo_tasks",
    "anjian.workforce.selectors.todo_tasks",
    "anjian.fireworks.selectors.todo_tasks",
]

# The annual assessment's computed indicators: {code: function(ctx, item)} dictionaries read
# after anjian.assessment.indicators.INDICATORS, so an app above (training records) replaces
# an indicator, e.g. "anjian.workforce.assessment.INDICATORS" for `training`.
ASSESSMENT_INDICATORS: list[str] = []
