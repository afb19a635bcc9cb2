"""Discovery of the per-app pieces (urls, API routes, demo data, sweeps, navigation).

Each area app may provide `urls.py`, `api.py` (with `register(router)`), `demo_data.py` (with
`load(ctx)`), `sweep.py` (with `run(*, now) -> dict`) and a `nav` list on its AppConfig.
The order is INSTALLED_APPS order, which follows the dependency order of the areas.
"""

import importlib
import importlib.util
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps


def area_configs():
    return [c for c in apps.get_app_configs() if c.name.startswith("anjian.")]


def area_modules(submodule: str) -> Iterator[tuple[str, ModuleType]]:
    for config in area_configs():
        name = f"{config.name}.{submodule}"
        if importlib.util.find_spec(name) is not None:
            yield config.label, importlib.import_module(name)
