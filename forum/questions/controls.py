"""The viewer's part of a thread page: what fills the slots of the shared post fragments
(forum/questions/fragments.py).

Decided from `Rights` (the viewer's facts, read once) and `Marks` (their votes, flags and
appeals here, one query), and built in Python: a member's page has a few hundred of these
small pieces, and rendering each through a template cost more than the page's SQL. The HTML is
what templates/questions/_votes.html, _post_footer.html, _comments.html and
moderation/_flag_form.html, _post_controls.html used to print; the forms are plain HTML
forms, so the page works without JavaScript.
"""

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from forum.core.links import page_url
from forum.core.resubmit import FIELD, issue_token
from forum.core.reversing import fast_reverse
from forum.moderation.models import Flag
from forum.posts.models import Status

from .rights import Rights
from .selectors import Marks


def _csrf(request) -> str:
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


_VOTE_BUTTON = (
    '<button class="btn btn-sm {}" name="value" value="{}" title="{}" aria-pressed="{}">{}</button>'
)
_UP = {
    True: ("btn-success", "retract", "Retract your upvote", "true", "▲"),
    False: ("btn-outline-secondary", "up", "This is useful", "false", "▲"),
}
_DOWN = {
    True: ("btn-danger", "retract", "Retract your downvote", "true", "▼"),
    False: ("btn-outline-secondary", "down", "This is not useful", "false", "▼"),
}
_DOWN_LOCKED = (
    '<a class="btn btn-sm btn-outline-secondary vote-locked" href="{}#vote_down" '
    'title="Why can\'t I vote down? It takes {} reputation." '
    'aria-label="Why can\'t I vote down?">▼</a>'
)


def _vote(post, rights: Rights, my_vote: int, csrf: str) -> str:
    if not rights.can_vote(post):
        return format_html(
            '<div class="score fw-bold" data-score>{}</div><div class="small text-muted">'
            "votes</div>",
            post.score,
        )
    down = ""
    if my_vote == -1 or rights.can_vote_down(post):
        down = format_html(_VOTE_BUTTON, *_DOWN[my_vote == -1])
    elif rights.lacks_vote_down(post):
        help_url = page_url("privileges_help")
        down = format_html(_DOWN_LOCKED, help_url, settings.FORUM_PRIVILEGES["vote_down"])
    return format_html(
        '<form method="post" action="{}">{}\n    {}\n'
        '    <div class="score fw-bold" data-score>{}</div>\n    {}\n  </form>',
        fast_reverse("votes:vote", post.pk),
        csrf,
        format_html(_VOTE_BUTTON, *_UP[my_vote == 1]),
        post.score,
        down,
    )


def _accept(answer, question, csrf: str) -> str:
    button = (
        '<button class="btn btn-sm btn-link" name="undo" value="1">Unaccept</button>'
        if answer.pk == question.accepted_answer_id
        else '<button class="btn btn-sm btn-outline-success">Accept</button>'
    )
    return format_html(
        '<form method="post" action="{}" class="text-center">{}\n      {}\n    </form>',
        fast_reverse("answers:accept", answer.pk),
        csrf,
        mark_safe(button),
    )


_FLAG_REASONS = mark_safe(
    "".join(f'<option value="{value}">{label}</option>' for value, label in Flag.Reason.choices)
)


def _flag(post, rights: Rights, flagged: set[int], csrf: str) -> str:
    if rights.can_flag(post):
        if post.pk in flagged:
            return mark_safe('<span class="text-muted flagged">You flagged this.</span>')
        return format_html(
            '<details class="flag-post">\n  <summary class="text-muted">flag</summary>\n'
            '  <form method="post" action="{}" class="d-flex gap-1 mt-1">{}\n'
            '    <select name="reason" class="form-select form-select-sm" aria-label="Why flag '
            'this post?">{}</select>\n'
            '    <button class="btn btn-sm btn-outline-danger" type="submit">Flag</button>\n'
            "  </form>\n</details>",
            fast_reverse("moderation:flag", post.pk),
            csrf,
            _FLAG_REASONS,
        )
    if rights.lacks_flag(post):
        return format_html(
            '<details class="flag-post flag-locked">\n'
            '  <summary class="text-muted">flag</summary>\n'
            '  <span class="small">Flagging takes {} reputation and an account {} days old. '
            '<a href="{}#flag">Why can\'t I flag?</a></span>\n</details>',
            settings.FORUM_PRIVILEGES["flag"],
            settings.FORUM_FLAG_MIN_ACCOUNT_DAYS,
            page_url("privileges_help"),
        )
    return ""


# What a moderator can do to a post in each status: (act, label, class).
_HIDE = ("hide", "hide", "text-warning-emphasis")
_REJECT = ("reject", "reject as spam", "text-danger")
_RESTORE = ("restore", "restore", "")
_APPROVE = ("approve", "publish", "text-success")


def _moderate(post, request, csrf: str) -> str:
    if post.status == Status.VISIBLE:
        acts = [_HIDE, _REJECT]
    elif post.status == Status.HIDDEN:
        acts = [_RESTORE]
    else:
        acts = [_APPROVE, _REJECT] if post.status == Status.HELD else [_APPROVE]
    buttons = format_html_join(
        "\n  ",
        '<button class="btn btn-sm btn-link p-0 {}" name="act" value="{} {}@{}">{}</button>',
        ((css, act, post.pk, post.revision, label) for act, label, css in acts),
    )
    return format_html(
        '<form method="post" action="{}" class="d-inline-flex flex-wrap gap-1 moderator-controls">'
        '{}\n  <input type="hidden" name="next" value="{}#{}">\n  {}\n</form>',
        fast_reverse("moderation:act"),
        csrf,
        request.path,
        post.anchor,
        buttons,
    )


def _reply(post, csrf: str) -> str:
    return format_html(
        '<details class="add-comment small">\n  <summary>Add a comment</summary>\n'
        '  <form method="post" action="{}" class="mt-2">{}'
        '<input type="hidden" name="{}" value="{}">\n'
        '    <label class="visually-hidden" for="comment-body-{}">Comment</label>\n'
        '    <textarea class="form-control form-control-sm" id="comment-body-{}" name="body" '
        'rows="2" maxlength="600" required></textarea>\n'
        '    <button class="btn btn-sm btn-outline-primary mt-1" type="submit">'
        "Add comment</button>\n"
        '    <a class="small markdown-help-link" href="{}" target="_blank" rel="noopener">'
        "Formatting help</a>\n  </form>\n</details>",
        fast_reverse("comments:create", post.pk),
        csrf,
        FIELD,
        issue_token(),
        post.pk,
        post.pk,
        page_url("markdown_help"),
    )


def _more(post, request) -> str:
    query = request.GET.copy()
    query["comments"] = str(post.pk)
    folded = post.folded_comments
    return format_html(
        '<a class="small" href="?{}#{}">Show {} more comment{}</a>',
        query.urlencode(),
        post.anchor,
        folded,
        "" if folded == 1 else "s",
    )


def _badge(post, request, marks: Marks) -> str:
    # Only on posts out of view (which only their author and moderators are shown) and on
    # the viewer's own appealed ones: rare, so the template's wording stays in one place.
    context = {"post": post, "appealed": marks.appeals}
    return render_to_string("moderation/_status_badge.html", context, request=request)


def viewer_parts(request, rights: Rights, marks: Marks, question, answers) -> dict:
    """Every slot's HTML for this viewer on this page, by (slot name, post id)."""
    parts: dict[tuple[str, int], str] = {}
    csrf = _csrf(request) if rights.authenticated else ""
    for post in (question, *answers):
        pk = post.pk
        parts["vote", pk] = _vote(post, rights, marks.votes.get(pk, 0), csrf)
        if post is not question:
            if rights.can_accept(post):
                parts["accept", pk] = _accept(post, question, csrf)
            if not post.is_visible or pk in marks.appeals:
                parts["badge", pk] = _badge(post, request, marks)
        if post.folded_comments:
            parts["more", pk] = _more(post, request)
        if rights.can_comment(post):
            parts["reply", pk] = _reply(post, csrf)
        _post_controls(parts, post, request, rights, marks, csrf, comment=False)
        for comment in (*post.shown_comments, *post.chatter_comments):
            _post_controls(parts, comment, request, rights, marks, csrf, comment=True)
    return parts


def _post_controls(parts, post, request, rights: Rights, marks: Marks, csrf: str, *, comment):
    pk = post.pk
    if comment and (not post.is_visible or pk in marks.appeals):
        parts["badge", pk] = _badge(post, request, marks)
    if rights.can_edit(post):
        css = ' class="text-muted"' if comment else ""
        parts["edit", pk] = format_html(
            '<a{} href="{}">edit</a>', mark_safe(css), post.get_edit_url()
        )
    controls = _flag(post, rights, marks.flagged, csrf)
    if rights.moderates:
        parts["mod", pk] = moderate = _moderate(post, request, csrf)
        controls += moderate
    if controls:
        parts["flag", pk] = controls
