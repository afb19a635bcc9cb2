"""Imports point one way: every module imports only from its own app and the layers below it,
in the order written in docs/architecture.md ("Layers")."""

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "anjian"


def documented_layers() -> list[list[str]]:
    """The fenced ```layers block of docs/architecture.md: one layer per line, lowest first."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"```layers\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has no ```layers block"
    return [line.split()[1:] for line in block.group(1).splitlines() if line.strip()]


LAYERS = documented_layers()
ENTRIES = {entry: index for index, layer in enumerate(LAYERS) for entry in layer}


def entry_of(module: str) -> str | None:
    """The longest documented entry that is `module` or a package above it."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in ENTRIES:
            return candidate
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> list[tuple[str, Path]]:
    return sorted((module_name(p), p) for p in PACKAGE.rglob("*.py"))


def imported_names(path: Path, module: str) -> set[str]:
    """Every anjian module named by an import statement anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.add(target)
            # `from anjian.core import audit` names the module anjian.core.audit.
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return {n for n in names if n == "anjian" or n.startswith("anjian.")}


def upward_imports() -> list[str]:
    problems = []
    for module, path in project_modules():
        if module == "anjian":
            continue
        own = entry_of(module)
        if own is None:
            problems.append(f"{module} is in no layer of docs/architecture.md")
            continue
        for target in sorted(imported_names(path, module)):
            other = entry_of(target)
            if other is None or other == own:
                continue
            if ENTRIES[other] >= ENTRIES[own]:
                problems.append(f"{module} imports {target} ({other} is not below {own})")
    return problems


def test_every_module_imports():
    for module, _path in project_modules():
        if module != "anjian.__main__":  # runs the command line when imported
            importlib.import_module(module)


def test_no_module_imports_upwards_or_sideways():
    assert upward_imports() == []


def test_no_app_imports_the_demo():
    demo = [f"{module} imports {target}" for module, path in project_modules()
            if not module.startswith("anjian.demo")
            for target in imported_names(path, module) if target.startswith("anjian.demo")]
    assert demo == []


@pytest.mark.parametrize("source,target", [
    ("anjian.core.scoping", "anjian.hazards.models"),
    ("anjian.risks.views", "anjian.hazards.selectors"),
    ("anjian.registry.services", "anjian.demo.loader"),
])
def test_the_check_catches_an_upward_or_sideways_import(tmp_path, monkeypatch, source, target):
    """The checker itself: a module planted with a bad import is reported."""
    planted = tmp_path / "planted.py"
    planted.write_text(f"import {target}\n", encoding="utf-8")
    monkeypatch.setattr("tests.test_layers.project_modules", lambda: [(source, planted)])
    assert upward_imports() == [
        f"{source} imports {target} ({entry_of(target)} is not below {entry_of(source)})"]
