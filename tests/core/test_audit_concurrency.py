"""Concurrent writers chain the audit log without forks: four processes on a SQLite file."""

import subprocess
import sys

import pytest

from tests.support.server import anjian, server_env

WRITE = """
import sys
from anjian.accounts.models import Town
from anjian.accounts.services import reference_create
from anjian.core import audit
n = int(sys.argv[-1])
for i in range(15):
    reference_create(actor=None, model=Town, code=f"p{n}_{i}", name=f"并发镇{n}_{i}")
towns = [Town(code=f"b{n}_{i}", name=f"批量镇{n}_{i}") for i in range(10)]
Town.objects.bulk_create(towns)
audit.bulk_record_create(actor=None, instances=towns, via="import")
"""


@pytest.mark.slow
def test_four_processes_writing_at_once_leave_one_unbroken_chain(tmp_path):
    env = server_env(tmp_path / "data")
    anjian(["migrate", "--noinput", "-v0"], env=env)
    script = tmp_path / "write.py"
    script.write_text(WRITE, encoding="utf-8")
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "anjian",
                "shell",
                "-v",
                "0",
                "-c",
                f"import sys; sys.argv.append('{n}'); exec(open({str(script)!r}).read())",
            ],
            env=env,
        )
        for n in range(4)
    ]
    assert [w.wait(timeout=300) for w in workers] == [0, 0, 0, 0]
    result = anjian(["audit", "verify"], env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "100 entries" in result.stdout
