"""Every write to a post or a revision goes through forum/posts/writes.py.

The code of every other module under forum/ is read (AST) for the ways a Post or a Revision
row can be written: a manager or queryset call that writes (`Post.objects.filter(...).update`),
`.save()` or `.delete()` on a post or revision in hand (built with `Post(...)`,
`Revision.of(...)`, fetched from `Post.objects`, or a parameter annotated `Post`), and
`refresh_from_db` is left alone (it reads). The kinds' proxies count as Post.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from forum.posts.models import Post

FORUM = Path(__file__).resolve().parents[2] / "forum"
WRITE_PATH = FORUM / "posts" / "writes.py"
# Post, Revision, and every kind's proxy of Post (a new kind's too).
MODELS = {"Post", "Revision"} | {m.__name__ for m in apps.get_models() if issubclass(m, Post)}
QUERY_WRITES = {
    "update",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "delete",
}
INSTANCE_WRITES = {"save", "delete"}


def _root_name(node: ast.AST) -> str | None:
    """The name a chain of attributes and calls starts from: `Post` for
    `Post.objects.filter(x).update(...)`."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _annotation_names(annotation) -> set[str]:
    return {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)} if annotation else set()


def post_writes(source: str) -> list[str]:
    """Where `source` writes a post or a revision outside the write path."""
    tree = ast.parse(source)
    found = []
    for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
        # Names bound to posts or revisions in this function (or module).
        holders = set()
        if isinstance(function, ast.FunctionDef):
            arguments = function.args
            for arg in [*arguments.args, *arguments.kwonlyargs, *arguments.posonlyargs]:
                if _annotation_names(arg.annotation) & MODELS:
                    holders.add(arg.arg)
        for node in ast.walk(function):
            if isinstance(node, ast.Assign | ast.AnnAssign) and _root_name(node.value) in MODELS:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                holders.update(t.id for t in targets if isinstance(t, ast.Name))
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            method, receiver = node.func.attr, node.func.value
            root = _root_name(receiver)
            via_query = method in QUERY_WRITES and root in MODELS and _goes_through_objects(node)
            in_hand = method in INSTANCE_WRITES and (
                root in MODELS or (isinstance(receiver, ast.Name) and receiver.id in holders)
            )
            if via_query or in_hand:
                found.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return sorted(set(found))


def _goes_through_objects(call: ast.Call) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "objects" for n in ast.walk(call.func))


def _modules():
    for path in sorted(FORUM.rglob("*.py")):
        if "migrations" in path.parts or path == WRITE_PATH:
            continue
        yield path


@pytest.mark.parametrize(
    "source",
    [
        "Post.objects.filter(pk=1).update(status='hidden')",
        "Question.objects.create(title='x')",
        "Revision.objects.filter(pk=1).update(redacted_at=None)",
        "def f(post: Post):\n    post.save(update_fields=['status'])",
        "def f():\n    p = Post.objects.get(pk=1)\n    p.delete()",
        "Revision.of(post, editor=u, tag_names='', at=t).save()",
        "def f():\n    locked = Post.objects.select_for_update().get(pk=1)\n    locked.save()",
    ],
)
def test_the_reader_sees_each_way_of_writing_a_post(source):
    assert post_writes(source), source


def test_reads_and_other_models_are_not_writes():
    source = (
        "Post.objects.filter(pk=1).exists()\n"
        "AuditLogEntry.objects.create(post=post)\n"
        "def f(post: Post):\n    post.refresh_from_db()\n    entry.save()\n"
    )
    assert post_writes(source) == []


def test_no_module_writes_a_post_or_revision_outside_the_write_path():
    offenders = {
        str(path.relative_to(FORUM)): found
        for path in _modules()
        if (found := post_writes(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
