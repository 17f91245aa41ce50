"""Imports point one way (README, "Layout"): a layer imports only the layers below it, no app
imports another app's views, and the spam filter is reached through one adapter module.

URL names point the same way: an app's code and its templates name URLs (`"answers:edit"`,
`{% url 'help:markdown' %}`) of its own app and of the apps it may import only, and its
templates include only theirs. A page of a lower app links upward by role instead
(forum/core/links.py), and models' addresses come from settings.ABSOLUTE_URL_OVERRIDES.
Templates at the top of templates/ (base.html, error pages) are site-wide and may name any.
"""

import ast
import re
from pathlib import Path

import pytest

FORUM = Path(__file__).resolve().parents[1] / "forum"
TEMPLATES = FORUM.parent / "templates"
# Jinja2 templates (forum/core/jinja.py) keep the same layout one folder down.
JINJA_TEMPLATES = TEMPLATES / "jinja2"

# Each app and the forum apps it may import.
ALLOWED = {
    "spamfilter": set(),
    "core": set(),
    "accounts": {"core"},
    "posts": {"core", "accounts"},
    "votes": {"core", "accounts", "posts"},
    "notifications": {"core", "accounts", "posts"},
    "watchlist": {"core", "accounts", "posts"},
    # Moderation weighs flags by the voting-ring rules and logs the votes they discount.
    "moderation": {
        "core",
        "accounts",
        "posts",
        "notifications",
        "watchlist",
        "spamfilter",
        "votes",
    },
    "answers": {"core", "accounts", "posts", "notifications", "moderation"},
    "comments": {"core", "accounts", "posts", "moderation"},
    # The thread page reads the viewer's unread count with their votes, in one query.
    "questions": {
        "core",
        "accounts",
        "posts",
        "notifications",
        "moderation",
        "votes",
        "answers",
        "comments",
    },
    "help": {"core", "accounts"},
    # The JSON API: pages of another kind, over the same selectors and services.
    "api": {
        "core",
        "accounts",
        "posts",
        "votes",
        "moderation",
        "answers",
        "comments",
        "questions",
    },
}
SPAMFILTER_ADAPTER = FORUM / "moderation" / "spam.py"


# Project wiring, not apps: they may import any app.
WIRING = {"settings"}
# Template folders not named after their app: Django's auth views read registration/.
TEMPLATE_OWNERS = {"registration": "accounts"}


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


def test_the_layers_have_no_cycle():
    """ "Below" means something only if no app can reach itself through ALLOWED."""

    def reachable(app, seen=()):
        for lower in ALLOWED[app]:
            assert lower not in (*seen, app), f"{app} and {lower} import each other"
            reachable(lower, (*seen, app))

    for app in ALLOWED:
        reachable(app)


# --- URL namespaces ---------------------------------------------------------------------------


def _namespaces() -> dict[str, str]:
    """Each app's URL namespace (its urls.py's `app_name`) and the app."""
    found = {}
    for app in ALLOWED:
        urls = FORUM / app / "urls.py"
        for node in ast.walk(ast.parse(urls.read_text())) if urls.exists() else ():
            if isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) == "app_name" for target in node.targets
            ):
                found[node.value.value] = app
    return found


NAMESPACES = _namespaces()
# "answers:edit", and "answers:" that code completes.
URL_NAME = re.compile(rf"({'|'.join(NAMESPACES)}):[\w-]*")


def _named_apps_in_code(source: str) -> set[str]:
    """The apps whose URLs `source` names: every string that is a URL name of a forum app's
    namespace, or a namespace and a colon that code completes."""
    # An f-string's literal parts are constants too: f"questions:{name}" has "questions:".
    strings = [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    return {NAMESPACES[match.group(1)] for s in strings if (match := URL_NAME.fullmatch(s))}


QUOTED_URL_NAME = re.compile(rf"""(["'])(({"|".join(NAMESPACES)}):[\w-]*)\1""")
URL_TAG = re.compile(r"(?:\{%\s*(?:url|fast_url)\s+|\b(?:url|fast_url)\(\s*)([^\s,)]+)")
TEMPLATE_USE = re.compile(r"""\{%\s*(?:include|extends|jinja_include)\s+["']([\w-]+)/""")


def _named_apps_in_template(text: str) -> set[str]:
    """The apps whose URLs a template names: any quoted URL name of a forum app's namespace
    (in `{% url %}`, `{% fast_url %}` or anywhere else)."""
    return {NAMESPACES[match.group(3)] for match in QUOTED_URL_NAME.finditer(text)}


def _app_folders():
    """templates/<app>/ and templates/jinja2/<app>/."""
    for root in (TEMPLATES, JINJA_TEMPLATES):
        folders = (path for path in root.iterdir() if path.is_dir() and path != JINJA_TEMPLATES)
        yield from sorted(folders)


def _app_templates():
    """(app, template path) for every template of an app: templates/<app>/**, in either
    template language."""
    for folder in _app_folders():
        app = TEMPLATE_OWNERS.get(folder.name, folder.name)
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield app, path


def test_the_url_name_readers_are_not_blind():
    code = "reverse('help:markdown'); redirect(f'questions:{name}'); x = 'answers:' + n"
    assert _named_apps_in_code(code) == {"help", "questions", "answers"}
    assert _named_apps_in_code("'see: questions:list'; 'a:b'") == set()
    template = """{% url 'help:markdown' %}{% fast_url "votes:vote" post.pk %}{% x n="posts:" %}"""
    assert _named_apps_in_template(template) == {"help", "votes", "posts"}
    jinja = "{{ fast_url('votes:vote', post.pk) }}{{ url(name) }}"  # templates/jinja2/
    assert URL_TAG.findall(jinja) == ["'votes:vote'", "name"]


def test_every_template_folder_belongs_to_an_app():
    for folder in _app_folders():
        owner = TEMPLATE_OWNERS.get(folder.name, folder.name)
        assert owner in ALLOWED, f"{folder.relative_to(TEMPLATES)}/: add its app to TEMPLATE_OWNERS"
    assert not list(FORUM.glob("*/templates")), "templates live in templates/<app>/"


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_code_names_urls_of_the_layers_below_it_only(app):
    allowed = {app, *ALLOWED[app]}
    for path in _modules(app):
        named = _named_apps_in_code(path.read_text(encoding="utf-8"))
        assert named <= allowed, f"{path.relative_to(FORUM)} names URLs of {named - allowed}"


def test_app_templates_name_urls_of_the_layers_below_them_only():
    for app, path in _app_templates():
        allowed = {app, *ALLOWED[app]}
        text = path.read_text(encoding="utf-8")
        named = _named_apps_in_template(text)
        where = path.relative_to(TEMPLATES)
        assert named <= allowed, f"templates/{where} names URLs of {named - allowed}"
        for argument in URL_TAG.findall(text):
            assert argument[0] in "'\"", (
                f"templates/{where} names a URL by a variable ({argument}); "
                "name it in quotes so the layering can be checked"
            )


def test_app_templates_include_the_layers_below_them_only():
    for app, path in _app_templates():
        allowed = {app, *ALLOWED[app]}
        for folder in TEMPLATE_USE.findall(path.read_text(encoding="utf-8")):
            owner = TEMPLATE_OWNERS.get(folder, folder)
            assert owner in allowed, f"templates/{path.relative_to(TEMPLATES)} uses {folder}/"
