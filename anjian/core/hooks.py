"""Resolve the cross-app hooks listed in `anjian.hooks` (dotted paths, imported on first use)."""

from functools import cache
from typing import Any

from django.utils.module_loading import import_string

from anjian import hooks


@cache
def resolve(name: str) -> list[Any]:
    """The objects behind `anjian.hooks.<name>`, in order (for SWEEP_STEPS: (label, object))."""
    resolved = []
    for entry in getattr(hooks, name):
        if isinstance(entry, tuple):
            label, path = entry
            resolved.append((label, import_string(path)))
        else:
            resolved.append(import_string(entry))
    return resolved
