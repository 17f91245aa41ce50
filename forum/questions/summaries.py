"""The rows of the question list, tag pages and search: each question's summary and each
search hit, built in Python.

Twenty of them a page, rendered in the template language (attribute lookups, for-loops,
includes and filters for a few dozen values each), cost 4.6 ms of CPU for a list or tag
page and 2.9 ms for search at 1 M posts; written out here, 2.4 and 1.2 (issue 20). What
is left is mostly building URLs and dates, which any template language would call the
same way: Django's Jinja2 backend (since used for the layout and the thread page,
forum/core/jinja.py), the other way considered, could save at most what this saves.

This is the one place the markup lives; templates include the whole list
(`{{ page|question_summaries }}`, `{{ page|search_hits }}`, forum/questions/templatetags/
list_rows.py). Everything that comes from a member or a post (titles, names, tags, URLs
built from them) is escaped here with `html.escape`, as the template language's autoescape
does; a search snippet is already escaped, with only its <mark> tags added
(forum/posts/search.py's `highlight`). A status note, shown only on posts out of view
(which only their author and moderators are shown), is still rendered from
templates/moderation/_status_badge.html, so its wording stays in one place.
"""

from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from forum.core.templatetags.dates import Clock


def _badge(post) -> str:
    return render_to_string("moderation/_status_badge.html", {"post": post}, using="jinja2")


def _plural(number) -> str:
    return "" if number == 1 else "s"


def _question(question, clock: Clock) -> str:
    answers = int(question.answer_count)
    if question.accepted_answer_id:
        answered = "answered-accepted"
    elif answers:
        answered = "answered"
    else:
        answered = ""
    if question.duplicate_of_id:
        marker = ' <span class="question-marker">[duplicate]</span>'
    elif question.closed_at is not None:
        marker = ' <span class="question-marker">[closed]</span>'
    else:
        marker = ""
    badge = "" if question.is_visible else _badge(question)
    tags = "".join(
        f'<a class="badge text-bg-light tag" href="{escape(tag.get_absolute_url())}">'
        f"{escape(tag.name)}</a>"
        for tag in question.tags.all()
    )
    author = question.author
    return (
        '<article class="question-summary d-flex gap-3 py-3 border-bottom">\n'
        '  <div class="stats text-end text-muted small">\n'
        f"    <div><strong>{int(question.score)}</strong> votes</div>\n"
        f'    <div class="{answered}"><strong>{answers}</strong> answer{_plural(answers)}</div>\n'
        "  </div>\n"
        '  <div class="flex-grow-1">\n'
        f'    <h2 class="h6 mb-1"><a href="{escape(question.get_absolute_url())}">'
        f"{escape(question.title)}</a>{marker} {badge}</h2>\n"
        '    <div class="d-flex flex-wrap gap-1 align-items-center">\n'
        f"      {tags}\n"
        f'      <span class="ms-auto small text-muted">asked {clock.when(question.created_at)} by '
        f'<a href="{escape(author.get_absolute_url())}">{escape(str(author))}</a>'
        f" · active {clock.when(question.last_activity_at)}</span>\n"
        "    </div>\n"
        "  </div>\n"
        "</article>\n"
    )


def question_summaries(questions) -> SafeString:
    """The summaries of `questions` (loaded by forum/questions/selectors.py's `_summaries`)."""
    clock = Clock()
    return mark_safe("\n".join(_question(question, clock) for question in questions))


def _hit(hit, clock: Clock) -> str:
    post = hit.post
    score = int(post.score)
    author = post.author
    badge = "" if post.is_visible else _badge(post)
    return (
        '<article class="search-hit py-2 border-bottom">\n'
        '  <h2 class="h6 mb-1">\n'
        f'    <span class="badge text-bg-light">{escape(post.get_kind_display())}</span>\n'
        f'    <a href="{escape(post.get_absolute_url())}">{escape(post.thread_title)}</a>\n'
        f"    {badge}\n"
        "  </h2>\n"
        # Escaped already, with only <mark> added (forum/posts/search.py's `highlight`).
        f'  <p class="mb-1 small">{hit.snippet}</p>\n'
        f'  <div class="small text-muted">{score} vote{_plural(score)} · '
        f'{clock.when(post.created_at)} by <a href="{escape(author.get_absolute_url())}">'
        f"{escape(str(author))}</a></div>\n"
        "</article>\n"
    )


def search_hits(hits) -> SafeString:
    """The hits of a page of search (forum/posts/search.py's `Hit`s)."""
    clock = Clock()
    return mark_safe("\n".join(_hit(hit, clock) for hit in hits))
