"""Each area's demo data, loaded in this order (an area's data may use the areas before it)."""

from anjian.demo.data import (
    accidents,
    alerts,
    assessment,
    duty,
    emergency,
    fireworks,
    forestfire,
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
    forestfire,
    fireworks,
]
