import datetime as dt
import random
from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """What the demo loader made so far, handed to every `anjian.demo.data.<area>.load(ctx)`."""

    today: dt.date
    rng: random.Random
    county: object
    towns: dict = field(default_factory=dict)  # code → Town
    sectors: dict = field(default_factory=dict)  # code → Sector
    departments: dict = field(default_factory=dict)  # code → Department
    enterprises: list = field(default_factory=list)
    users: dict = field(default_factory=dict)  # username → User
    admin: object = None  # the county_admin user, the actor for demo writes
    city: object = None  # 示例市 (Division)
    division: object = None  # 示例县 (Division)
