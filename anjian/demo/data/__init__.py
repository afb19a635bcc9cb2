"""Each area's demo data, loaded in this order (an area's data may use the areas before it)."""

from anjian.demo.data import (
    accidents,
    alerts,
    assessment,
    duty,
    emergency,
    hazard_sources,
    hazards,
    inspections,
    public_reports,
    risks,
    workforce,
)

LOADERS = [
    hazard_sources,
    risks,
    hazards,
    workforce,
    inspections,
    accidents,
    duty,
    alerts,
    assessment,
    public_reports,
    emergency,
]
