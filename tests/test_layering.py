"""Imports point one way (README, "Layout"): a layer imports only the layers below it, no app
imports another app's views, and the spam filter is reached through one adapter module."""

import ast
from pathlib import Path

import pytest

FORUM = Path(__file__).resolve().parents[1] / "forum"

# Each app and the forum apps it may import.
ALLOWED = {
    "spamfilter": set(),
    "core": set(),
    "accounts": {"core"},
    "posts": {"core", "accounts"},
    "votes": {"core", "accounts", "posts"},
    "notifications": {"core", "accounts", "posts"},
    "moderation": {"core", "accounts", "posts", "notifications", "spamfilter"},
    "answers": {"core", "accounts", "posts", "notifications", "moderation"},
    "comments": {"core", "accounts", "posts", "moderation"},
    "questions": {"core", "accounts", "posts", "moderation", "votes", "answers", "comments"},
    "help": {"core", "accounts"},
}
SPAMFILTER_ADAPTER = FORUM / "moderation" / "spam.py"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules(app: str):
    return sorted((FORUM / app).rglob("*.py"))


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_the_layers_below_it(app):
    for path in _modules(app):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "forum" or len(parts) < 2 or parts[1] == app:
                continue
            assert parts[1] in ALLOWED[app], f"{path.relative_to(FORUM)} imports {name}"


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_no_app_imports_another_apps_views(app):
    for path in _modules(app):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "forum" and len(parts) > 2 and parts[1] != app:
                assert parts[2] != "views", f"{path.relative_to(FORUM)} imports {name}"


def test_the_spam_filter_imports_neither_django_nor_the_forum():
    for path in _modules("spamfilter"):
        for name in _imports(path):
            assert name.split(".")[0] not in ("django", "forum"), f"{path.name} imports {name}"


def test_only_the_adapter_imports_the_spam_filter():
    importers = {
        path
        for app in ALLOWED
        if app != "spamfilter"
        for path in _modules(app)
        if any(name.startswith("forum.spamfilter") for name in _imports(path))
    }
    assert importers == {SPAMFILTER_ADAPTER}
