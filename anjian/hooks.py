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
    ("duty", "anjian.duty.sweep.run"),
    ("alerts", "anjian.alerts.sweep.run"),
    ("public_reports", "anjian.public_reports.sweep.run"),
    ("emergency", "anjian.emergency.sweep.run"),
    ("notifications", "anjian.notifications.sweep.run"),
    ("assessment", "anjian.assessment.sweep.run"),
]

# `registry.services.enterprise_update`: records that copy an enterprise's town and sector for
# scoping follow it when it moves; each is called as f(*, actor, enterprise, via).
ENTERPRISE_MOVED = [
    "anjian.risks.enterprise_sync.enterprise_moved",
    "anjian.hazards.enterprise_sync.enterprise_moved",
]

# `anjian import` and the import pages: lists of core.excel.Importer classes.
IMPORTERS = [
    "anjian.registry.imports.IMPORTERS",
    "anjian.risks.imports.IMPORTERS",
    "anjian.hazards.imports.IMPORTERS",
    "anjian.accidents.imports.IMPORTERS",
    "anjian.assessment.imports.IMPORTERS",
    "anjian.emergency.imports.IMPORTERS",
]

# `anjian export`: {kind: export(actor, stream)} dictionaries.
EXPORTERS = [
    "anjian.registry.exports.EXPORTERS",
    "anjian.risks.exports.EXPORTERS",
    "anjian.hazards.exports.EXPORTERS",
    "anjian.accidents.exports.EXPORTERS",
    "anjian.assessment.exports.EXPORTERS",
]

# The annual assessment's computed indicators: {code: function(ctx, item)} dictionaries read
# after anjian.assessment.indicators.INDICATORS, so an app above (training records) replaces
# an indicator, e.g. "anjian.workforce.assessment.INDICATORS" for `training`.
ASSESSMENT_INDICATORS: list[str] = []
