"""Each area's demo data, loaded in this order (an area's data may use the areas before it)."""

from anjian.demo.data import (
    accidents,
    alerts,
    assessment,
    certificates,
    duty,
    emergency,
    funds,
    hazard_sources,
    hazards,
    inspections,
    public_reports,
    risks,
)

LOADERS = [
    hazard_sources,
    risks,
    hazards,
    inspections,
    accidents,
    duty,
    alerts,
    assessment,
    public_reports,
    emergency,
    certificates,
    funds,
]
