"""The role is switched on in one place (the unit module) and named in one table (the
permissions); templates ask `can.<permission>`, never a role string."""

import re
from pathlib import Path

import anjian

ROOT = Path(anjian.__file__).parent
ALLOWED = {ROOT / "accounts" / "units.py", ROOT / "core" / "permissions.py"}
SWITCH = re.compile(
    r"\brole\s*(==|!=|in\b)|\bRole\.(COUNTY_ADMIN|LEADER|TOWN_OFFICER|"
    r"DEPARTMENT_OFFICER|ENTERPRISE_USER)\b"
)
TEMPLATE_ROLE = re.compile(r"\.role\s*(==|!=)|\brole\s*(==|!=)\s*[\"']")


def _python_files():
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or path in ALLOWED:
            continue
        # The demo's accounts (its county's and the neighbouring county's): data, not a switch.
        if path.parts[-2:] in {("demo", "loader.py"), ("demo", "neighbour.py")}:
            continue
        yield path


def test_no_module_switches_on_role_outside_the_unit_and_permission_modules():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in _python_files()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SWITCH.search(line) and not line.lstrip().startswith(("#", '"""'))
    ]
    assert not found, "role switches outside accounts/units.py:\n" + "\n".join(found)


def test_no_template_compares_role_strings():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in ROOT.rglob("*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TEMPLATE_ROLE.search(line)
    ]
    assert not found, "templates comparing roles (use can.<permission>):\n" + "\n".join(found)
