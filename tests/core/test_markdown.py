import pytest

from forum.core.markdown import render_markdown


def test_markdown_renders_emphasis_code_and_lists():
    html = render_markdown("**bold** and `code`\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<code>code</code>" in html
    assert "<li>one</li>" in html


# Hostile source → (what must not come out, what shows instead).
HOSTILE = {
    "hello <script>alert(1)</script>": ("<script", "&lt;script&gt;"),
    "[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1))": ("<a", "click"),
    '<a href="javascript:alert(1)">x</a>': ("<a", "&lt;a"),
    '<img src="x" onerror="alert(1)">': ('<img src="x"', "&lt;img"),
}


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markup_is_shown_as_text_never_run(source):
    forbidden, shown_as = HOSTILE[source]
    html = render_markdown(source)
    assert forbidden not in html
    assert shown_as in html


def test_markdown_images_keep_only_safe_attributes():
    html = render_markdown('![x](/static/a.png "t")')
    assert '<img src="/static/a.png" alt="x" title="t">' in html


def test_links_are_marked_nofollow_ugc():
    html = render_markdown("[docs](https://docs.python.org/)")
    assert 'href="https://docs.python.org/"' in html
    assert "nofollow" in html and "ugc" in html
