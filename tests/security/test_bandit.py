"""bandit finds no high-severity issue in the application code (``bandit -r forumapp -lll``).

False positives are annotated where they occur with ``# nosec BXXX`` and a reason.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(120)
def test_bandit_finds_no_high_severity_issue():
    pytest.importorskip("bandit", reason="bandit is a dev requirement")
    done = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", "forumapp", "-lll", "-q", "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    report = json.loads(done.stdout)
    high = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
        for r in report["results"]
        if r["issue_severity"] == "HIGH"
    ]
    assert not high, "\n".join(high)
    assert not report["errors"], report["errors"]
    assert done.returncode == 0, done.stderr[-2000:]
