"""Every row lock names its own table (`select_for_update(of=("self",))`). PostgreSQL refuses
FOR UPDATE over the nullable side of an outer join, which a `select_related` of a nullable key or a
filter across one brings in, and SQLite ignores row locks altogether; so a bare lock passes every
SQLite test and fails on the production database (it did, in four registers, this wave)."""

import re
from pathlib import Path

import anjian

BARE = re.compile(r"\.select_for_update\((?!of=\(\"self\",\))")


def test_every_row_lock_locks_its_own_rows_only():
    root = Path(anjian.__file__).parent
    bare = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BARE.search(line)
    ]
    assert bare == []
