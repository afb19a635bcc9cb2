"""Each area's demo data, loaded in this order (an area's data may use the areas before it)."""

from anjian.demo.data import accidents, alerts, duty, emergency, hazards, inspections, risks

LOADERS = [risks, hazards, inspections, accidents, duty, alerts, emergency]
