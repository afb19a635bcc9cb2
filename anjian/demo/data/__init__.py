"""Each area's demo data, loaded in this order (an area's data may use the areas before it)."""

from anjian.demo.data import (
    accidents,
    alerts,
    assessment,
    chemicals,
    crowded,
    certificates,
    duty,
    emergency,
    funds,
    hazard_sources,
    hazards,
    inspections,
    mines,
    public_reports,
    risks,
    roads,
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
    mines,
    chemicals,
    roads,
    crowded,
    certificates,
    funds,
]
