import pytest
from django.urls import reverse

from forum.core.reversing import fast_reverse


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("questions:detail", [12, "why-did-the-soviets-win"]),
        ("questions:detail", [7, "question-7"]),
        ("questions:profile", ["anna.b+test@example"]),
        ("questions:profile", ["Jürgen_ü"]),
        ("questions:tag", ["c#"]),
        ("questions:tag", ["c++"]),
        ("posts:revisions", [3]),
        ("questions:list", []),
    ],
)
def test_fast_reverse_builds_the_same_url_as_reverse(name, args):
    assert fast_reverse(name, *args) == reverse(name, args=args)


def test_fast_reverse_follows_the_script_prefix():
    from django.urls import set_script_prefix

    set_script_prefix("/forum/")
    try:
        assert fast_reverse("posts:revisions", 3) == reverse("posts:revisions", args=[3])
        assert fast_reverse("posts:revisions", 3).startswith("/forum/")
    finally:
        set_script_prefix("/")
