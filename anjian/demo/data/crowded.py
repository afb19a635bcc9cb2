"""Demo crowded places: the seed's list (学校, 商场, 超市, 网吧, 宾馆饭店), some designated
fire-safety key units, and a residential compound that is not a crowded place."""

from anjian.crowded import services

PLACES = [
    ("中心小学", "school", True),
    ("百货商场", "mall", True),
    ("惠民超市", "supermarket", False),
    ("星空网吧", "internet_cafe", False),
    ("迎宾宾馆", "hotel", True),
    ("老街饭店", "restaurant", False),
    ("幸福小区", "residential", False),
]


def load(ctx) -> None:
    for town in list(ctx.towns.values())[:2]:
        for name, place_type, key_unit in PLACES:
            services.place_create(
                actor=ctx.admin,
                via="demo",
                data={
                    "name": f"{town.name}{name}",
                    "town": town,
                    "place_type": place_type,
                    "key_unit": key_unit,
                    "fire_safety_manager": "王安全" if key_unit else "",
                },
            )
