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
    "watchlist": {"core", "accounts", "posts"},
    "moderation": {"core", "accounts", "posts", "notifications", "watchlist", "spamfilter"},
    "answers": {"core", "accounts", "posts", "notifications", "moderation"},
    "comments": {"core", "accounts", "posts", "moderation"},
    "questions": {"core", "accounts", "posts", "moderation", "votes", "answers", "comments"},
    "help": {"core", "accounts"},
}
SPAMFILTER_ADAPTER = FORUM / "moderation" / "spam.py"


# Project wiring, not apps: they may import any app.
WIRING = {"settings"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(FORUM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(path: Path) -> str:
    name = _module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _imports(path: Path) -> set[str]:
    """Every module `path` imports: at the top or inside a function, absolute or relative,
    and by name through importlib, `__import__` or Django's `import_string`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = _package(path).split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _dynamic_import(node):
            argument = node.args[0] if node.args else None
            assert isinstance(argument, ast.Constant), (
                f"{path.relative_to(FORUM)}:{node.lineno} imports a computed name; "
                "name the module so the layering can be checked"
            )
            names.add(argument.value)
    return names


def _dynamic_import(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__", "import_string")


def _modules(app: str):
    return sorted((FORUM / app).rglob("*.py"))


def test_every_app_under_forum_has_a_place_in_the_layers():
    apps = {
        path.parent.name for path in FORUM.glob("*/__init__.py") if path.parent.name not in WIRING
    }
    assert apps == set(ALLOWED), "add each new app to ALLOWED with the layers it may import"


def test_relative_and_dynamic_imports_are_read():
    """The reader is not blind to the ways an import can be written."""
    resolved = _imports(FORUM / "answers" / "views.py")
    assert "forum.answers.services" in resolved  # written `from . import services`


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
            top = name.split(".")[0]
            own = name == "forum.spamfilter" or name.startswith("forum.spamfilter.")
            assert top != "django" and (top != "forum" or own), f"{path.name} imports {name}"


def test_the_filter_at_run_time_never_imports_its_training_code():
    runtime = [path for path in _modules("spamfilter") if "training" not in path.parts]
    for path in runtime:
        for name in _imports(path):
            assert not name.startswith("forum.spamfilter.training"), f"{path.name} imports {name}"


def test_only_the_adapter_imports_the_spam_filter():
    importers = {
        path
        for app in ALLOWED
        if app != "spamfilter"
        for path in _modules(app)
        if any(name.startswith("forum.spamfilter") for name in _imports(path))
    }
    assert importers == {SPAMFILTER_ADAPTER}
