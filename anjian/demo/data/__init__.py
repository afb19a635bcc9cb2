"""Each area's demo data, loaded in this order (an area's data may use the areas before it)."""

from anjian.demo.data import (
    accidents,
    alerts,
    assessment,
    duty,
    hazards,
    inspections,
    public_reports,
    risks,
)

LOADERS = [risks, hazards, inspections, accidents, duty, alerts, assessment, public_reports]
