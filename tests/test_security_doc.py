"""SECURITY.md names the test proving each promise: every test it names must exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_security_md_names_exists():
    named = set(re.findall(r"\btest_\w+", (ROOT / "SECURITY.md").read_text(encoding="utf-8")))
    defined = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        defined |= set(re.findall(r"def (test_\w+)", path.read_text(encoding="utf-8")))
    defined |= {path.stem for path in (ROOT / "tests").rglob("test_*.py")}  # whole files named
    assert named - defined == set()
