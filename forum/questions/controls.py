"""The viewer's part of a thread page: what fills the slots of the shared post fragments
(forum/questions/fragments.py).

Decided from `Rights` (the viewer's facts, read once) and `Marks` (their votes, flags and
appeals here, one query), and built in Python: a member's page has a few hundred of these
small pieces, and rendering each through a template cost more than the page's SQL (so did
`format_html`, at a few hundred calls a page). The HTML is what templates/questions/_votes.html,
_post_footer.html, _comments.html and moderation/_flag_form.html, _post_controls.html used to
print; the forms are plain HTML forms, so the page works without JavaScript.

Only numbers, URLs built from numbers and tokens of URL-safe characters go into these strings
unescaped; anything else (the request's path and query) is escaped once per page.
"""

from dataclasses import dataclass
from functools import cached_property
from html import escape

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from forum.core.links import page_url
from forum.core.resubmit import FIELD, issue_token
from forum.core.reversing import fast_reverse
from forum.moderation.models import Flag
from forum.posts.models import Status

from .rights import Rights
from .selectors import Marks


@dataclass
class _Page:
    """What every control of one page shares, worked out once."""

    request: object
    rights: Rights
    marks: Marks
    csrf: str  # the hidden CSRF input, "" for anonymous readers (they get no form)
    path: str  # the page's path, escaped

    # Help links repeated on every post of the page: reversed and escaped once.
    # One resubmit token for every comment form of the page: a claim is kept per account,
    # address and token (forum/core/resubmit.py), and each form posts to its own address.
    @cached_property
    def form_token(self) -> str:
        return escape(issue_token())

    @cached_property
    def privileges_help(self) -> str:
        return escape(page_url("privileges_help"))

    @cached_property
    def markdown_help(self) -> str:
        return escape(page_url("markdown_help"))


def _vote(post, page: _Page) -> str:
    rights, score = page.rights, int(post.score)
    if not rights.can_vote(post):
        return (
            f'<div class="score fw-bold" data-score>{score}</div>'
            '<div class="small text-muted">votes</div>'
        )
    mine = page.marks.votes.get(post.pk, 0)
    if mine == 1:
        up = _BUTTON.format("btn-success", "retract", "Retract your upvote", "true", "▲")
    else:
        up = _BUTTON.format("btn-outline-secondary", "up", "This is useful", "false", "▲")
    down = ""
    if mine == -1:
        down = _BUTTON.format("btn-danger", "retract", "Retract your downvote", "true", "▼")
    elif rights.can_vote_down(post):
        down = _BUTTON.format("btn-outline-secondary", "down", "This is not useful", "false", "▼")
    elif rights.lacks_vote_down(post):
        down = _down_locked(page)
    action = fast_reverse("votes:vote", post.pk)
    return (
        f'<form method="post" action="{action}">{page.csrf}\n    {up}\n'
        f'    <div class="score fw-bold" data-score>{score}</div>\n    {down}\n  </form>'
    )


_BUTTON = (
    '<button class="btn btn-sm {}" name="value" value="{}" title="{}" aria-pressed="{}">{}</button>'
)


def _down_locked(page: _Page) -> str:
    return (
        '<a class="btn btn-sm btn-outline-secondary vote-locked" '
        f'href="{page.privileges_help}#vote_down" '
        f"title=\"Why can't I vote down? It takes {int(settings.FORUM_PRIVILEGES['vote_down'])} "
        'reputation." aria-label="Why can\'t I vote down?">▼</a>'
    )


def _accept(answer, question, page: _Page) -> str:
    if answer.pk == question.accepted_answer_id:
        button = '<button class="btn btn-sm btn-link" name="undo" value="1">Unaccept</button>'
    else:
        button = '<button class="btn btn-sm btn-outline-success">Accept</button>'
    action = fast_reverse("answers:accept", answer.pk)
    return (
        f'<form method="post" action="{action}" class="text-center">{page.csrf}\n'
        f"      {button}\n    </form>"
    )


_FLAG_REASONS = "".join(
    f'<option value="{value}">{escape(label)}</option>' for value, label in Flag.Reason.choices
)


def _flag(post, page: _Page) -> str:
    rights = page.rights
    if rights.can_flag(post):
        if post.pk in page.marks.flagged:
            return '<span class="text-muted flagged">You flagged this.</span>'
        action = fast_reverse("moderation:flag", post.pk)
        return (
            '<details class="flag-post">\n  <summary class="text-muted">flag</summary>\n'
            f'  <form method="post" action="{action}" class="d-flex gap-1 mt-1">{page.csrf}\n'
            '    <select name="reason" class="form-select form-select-sm" '
            f'aria-label="Why flag this post?">{_FLAG_REASONS}</select>\n'
            '    <button class="btn btn-sm btn-outline-danger" type="submit">Flag</button>\n'
            "  </form>\n</details>"
        )
    if rights.lacks_flag(post):
        return (
            '<details class="flag-post flag-locked">\n'
            '  <summary class="text-muted">flag</summary>\n'
            f'  <span class="small">Flagging takes {int(settings.FORUM_PRIVILEGES["flag"])} '
            f"reputation and an account {int(settings.FORUM_FLAG_MIN_ACCOUNT_DAYS)} days old. "
            f'<a href="{page.privileges_help}#flag">Why can\'t I flag?</a>'
            "</span>\n</details>"
        )
    return ""


# What a moderator can do to a post in each status: (act, label, class).
_HIDE = ("hide", "hide", "text-warning-emphasis")
_REJECT = ("reject", "reject as spam", "text-danger")
_RESTORE = ("restore", "restore", "")
_APPROVE = ("approve", "publish", "text-success")


def _moderate(post, page: _Page) -> str:
    if post.status == Status.VISIBLE:
        acts = [_HIDE, _REJECT]
    elif post.status == Status.HIDDEN:
        acts = [_RESTORE]
    else:
        acts = [_APPROVE, _REJECT] if post.status == Status.HELD else [_APPROVE]
    pk, revision = int(post.pk), int(post.revision)
    buttons = "\n  ".join(
        f'<button class="btn btn-sm btn-link p-0 {css}" name="act" '
        f'value="{act} {pk}@{revision}">{label}</button>'
        for act, label, css in acts
    )
    return (
        f'<form method="post" action="{fast_reverse("moderation:act")}" '
        f'class="d-inline-flex flex-wrap gap-1 moderator-controls">{page.csrf}\n'
        f'  <input type="hidden" name="next" value="{page.path}#{escape(post.anchor)}">\n'
        f"  {buttons}\n</form>"
    )


def _reply(post, page: _Page) -> str:
    pk = int(post.pk)
    return (
        '<details class="add-comment small">\n  <summary>Add a comment</summary>\n'
        f'  <form method="post" action="{fast_reverse("comments:create", pk)}" class="mt-2">'
        f'{page.csrf}<input type="hidden" name="{FIELD}" value="{page.form_token}">\n'
        f'    <label class="visually-hidden" for="comment-body-{pk}">Comment</label>\n'
        f'    <textarea class="form-control form-control-sm" id="comment-body-{pk}" name="body" '
        'rows="2" maxlength="600" required></textarea>\n'
        '    <button class="btn btn-sm btn-outline-primary mt-1" type="submit">'
        "Add comment</button>\n"
        '    <button class="btn btn-sm btn-outline-secondary mt-1" type="submit" name="preview" '
        'value="1">Preview</button>\n'
        f'    <a class="small markdown-help-link" href="{page.markdown_help}" '
        'target="_blank" rel="noopener">Formatting help</a>\n  </form>\n</details>'
    )


def _more(post, page: _Page) -> str:
    query = page.request.GET.copy()
    query["comments"] = str(post.pk)
    folded = int(post.folded_comments)
    return (
        f'<a class="small" href="?{escape(query.urlencode())}#{escape(post.anchor)}">'
        f"Show {folded} more comment{'' if folded == 1 else 's'}</a>"
    )


def _badge(post, page: _Page) -> str:
    # Only on posts out of view (which only their author and moderators are shown) and on
    # the viewer's own appealed ones: rare, so the template's wording stays in one place.
    context = {"post": post, "appealed": page.marks.appeals}
    return render_to_string(
        "moderation/_status_badge.html", context, request=page.request, using="jinja2"
    )


def viewer_parts(request, rights: Rights, marks: Marks, question, answers, csrf_token=None) -> dict:
    """Every slot's HTML for this viewer on this page, by (slot name, post id).
    `csrf_token`: the masked token the rest of the page shows, if the view has one."""
    csrf = ""
    if rights.authenticated:
        token = csrf_token or get_token(request)
        csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    page = _Page(request, rights, marks, csrf, escape(request.path))
    parts: dict[tuple[str, int], str] = {}
    for post in (question, *answers):
        pk = post.pk
        parts["vote", pk] = _vote(post, page)
        if post is not question:
            if rights.can_accept(post):
                parts["accept", pk] = _accept(post, question, page)
            if not post.is_visible or pk in marks.appeals:
                parts["badge", pk] = _badge(post, page)
        if post.folded_comments:
            parts["more", pk] = _more(post, page)
        if rights.can_comment(post):
            parts["reply", pk] = _reply(post, page)
        _post_controls(parts, post, page, comment=False)
        for comment in (*post.shown_comments, *post.chatter_comments):
            _post_controls(parts, comment, page, comment=True)
    return parts


def _post_controls(parts, post, page: _Page, *, comment: bool) -> None:
    pk, rights = post.pk, page.rights
    if comment and (not post.is_visible or pk in page.marks.appeals):
        parts["badge", pk] = _badge(post, page)
    if rights.can_edit(post):
        css = ' class="text-muted"' if comment else ""
        parts["edit", pk] = f'<a{css} href="{post.get_edit_url()}">edit</a>'
    controls = _flag(post, page) if rights.posts else ""
    if rights.moderates:
        parts["mod", pk] = moderate = _moderate(post, page)
        controls += moderate
    if controls:
        parts["flag", pk] = controls
