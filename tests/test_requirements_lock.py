"""The lock files pin, with hashes, a release of every range in requirements*.txt, and
production's lock pins what the tests ran with. A range added without `make lock` fails here,
offline, before an install from the lock would quietly leave the package out."""

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def _ranges(name: str) -> list[Requirement]:
    found = []
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += _ranges(line[3:].strip())
        elif line:
            found.append(Requirement(line))
    return found


def _pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text().splitlines()
    return {canonicalize_name(m.group(1)): m.group(2) for m in map(PIN.match, lines) if m}


@pytest.mark.parametrize(
    ("ranges", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_the_lock_pins_a_release_of_every_range(ranges, lock):
    pins = _pins(lock)
    missing = [str(r) for r in _ranges(ranges) if canonicalize_name(r.name) not in pins]
    assert missing == [], f"run `make lock`: {lock} lacks {missing}"
    outside = [
        f"{r.name}=={pins[canonicalize_name(r.name)]} (wants {r.specifier})"
        for r in _ranges(ranges)
        if not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)
    ]
    assert outside == [], f"run `make lock`: {outside}"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pin_carries_a_hash(lock):
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
    unhashed = [b.split()[0] for b in blocks if PIN.match(b) and "--hash=sha256:" not in b]
    assert unhashed == []


def test_production_runs_the_releases_the_tests_ran_with():
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    differ = {name: (version, dev.get(name)) for name, version in runtime.items()}
    assert {name: v for name, v in differ.items() if v[0] != v[1]} == {}
