from forum.core.markdown import render_markdown


def test_markdown_renders_emphasis_code_and_lists():
    html = render_markdown("**bold** and `code`\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<code>code</code>" in html
    assert "<li>one</li>" in html


def test_script_tags_are_escaped_not_executed():
    html = render_markdown("hello <script>alert(1)</script>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_do_not_become_links():
    html = render_markdown("[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1))")
    assert "<a" not in html


def test_raw_html_links_stay_text():
    html = render_markdown('<a href="javascript:alert(1)">x</a>')
    assert "<a" not in html
    assert "&lt;a" in html


def test_event_handler_attributes_are_removed():
    html = render_markdown('<img src="x" onerror="alert(1)">\n\n![x](https://e.org/a.png "t")')
    assert '<img src="x"' not in html
    assert '<img src="https://e.org/a.png" alt="x" title="t">' in html


def test_links_are_marked_nofollow_ugc():
    html = render_markdown("[docs](https://docs.python.org/)")
    assert 'href="https://docs.python.org/"' in html
    assert "nofollow" in html and "ugc" in html
