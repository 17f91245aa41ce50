"""A member's writes, each through the service the page uses, after the page's own checks in
the page's order: the post through the visibility rule (404), the permission (403, the
page's words), the rate limit (429), the page's form (400), then the service. The services
run in one transaction each, so a refused request leaves nothing half-written."""

from ninja import Status

from forum.answers import services as answers
from forum.answers.forms import AnswerForm
from forum.answers.permissions import can_accept_answer, can_answer_question
from forum.comments import services as comments
from forum.comments.forms import CommentForm
from forum.comments.permissions import can_comment_on
from forum.core.limits import check_limits, client_ip
from forum.moderation import flags
from forum.moderation.intake import revise_post
from forum.moderation.permissions import can_flag_post
from forum.posts.models import Kind, PostRefused
from forum.posts.permissions import can_edit_post
from forum.posts.selectors import get_post_for
from forum.questions import services as questions
from forum.questions.forms import QuestionForm
from forum.questions.permissions import can_ask_question
from forum.votes.permissions import can_vote_down, can_vote_on
from forum.votes.services import VoteRefused, cast_vote

from . import schemas, shapes
from .auth import MEMBER
from .errors import ApiError
from .routes import router

WRITE = {"auth": MEMBER, "tags": ["write"]}
ERRORS = {code: schemas.Error for code in (400, 401, 403, 404, 409, 429)}
# An author over the hourly post limit may post again within the hour.
POST_LIMIT_RETRY_SECONDS = 3600
FORMS = {Kind.QUESTION: QuestionForm, Kind.ANSWER: AnswerForm, Kind.COMMENT: CommentForm}


def _post(request, post_id: int, *, permission, denied: str, kind: str | None = None):
    """`with_post`'s checks: 404 unless the member may read it, 403 unless `permission`."""
    post = get_post_for(request.user, post_id, kind=kind)
    if not permission(request.user, post):
        raise ApiError(403, denied)
    return post


def _limit(request, group: str) -> None:
    """Count this write against the same limits as the page's (FORUM_RATE_LIMITS)."""
    if (refusal := check_limits(request, group)) is not None:
        raise ApiError(429, refusal.message, retry_after=refusal.retry_after)


def _valid(form) -> dict:
    """The page's form's cleaned data, or a 400 with its errors by field."""
    if form.is_valid():
        return form.cleaned_data
    fields = {
        ("request" if name == "__all__" else name): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }
    raise ApiError(400, "The request is not valid; see fields.", fields=fields)


def _tag_text(tags: list[str]) -> str:
    """The tags as the page's form reads them (separated by spaces)."""
    for index, name in enumerate(tags):
        if not name or any(character.isspace() or character == "," for character in name):
            raise ApiError(
                400,
                "The request is not valid; see fields.",
                fields={f"tags.{index}": ["A tag is one word: no spaces or commas."]},
            )
    return " ".join(tags)


def _save(save, *args, **kwargs):
    """Call a service that may refuse the post as a whole (a watched word, the hourly limit)."""
    try:
        return save(*args, **kwargs)
    except PostRefused as refusal:
        retry = POST_LIMIT_RETRY_SECONDS if refusal.status_code == 429 else None
        raise ApiError(refusal.status_code, str(refusal), retry_after=retry) from None


def _created(post) -> Status:
    return Status(201, shapes.post(post))


@router.post("/questions", **WRITE, response={201: schemas.Post, **ERRORS})
def ask(request, payload: schemas.QuestionIn):
    """Ask a question. It is screened like one asked on the page: the response's `status`
    and `status_reason` say whether readers see it yet, and why not."""
    if not can_ask_question(request.user):
        raise ApiError(403, "Your account is suspended, so you cannot ask a question.")
    _limit(request, "ask")
    data = _valid(
        QuestionForm(
            {"title": payload.title, "body": payload.body, "tags": _tag_text(payload.tags)}
        )
    )
    question = _save(
        questions.ask_question,
        author=request.user,
        title=data["title"],
        body=data["body"],
        tag_names=data["tags"],
        ip=client_ip(request),
    )
    return _created(question)


@router.post("/questions/{question_id}/answers", **WRITE, response={201: schemas.Post, **ERRORS})
def answer(request, question_id: int, payload: schemas.ReplyIn):
    """Answer a question; the spam filter may hold it for review (see `status_reason`)."""
    question = _post(
        request,
        question_id,
        kind=Kind.QUESTION,
        permission=can_answer_question,
        denied="You may not answer this question.",
    )
    _limit(request, "answer")
    data = _valid(AnswerForm({"body": payload.body}))
    saved = _save(
        answers.post_answer,
        author=request.user,
        parent=question,
        body=data["body"],
        ip=client_ip(request),
    )
    return _created(saved)


@router.post("/posts/{post_id}/comments", **WRITE, response={201: schemas.Post, **ERRORS})
def comment(request, post_id: int, payload: schemas.CommentIn):
    """Comment on a question or an answer."""
    parent = _post(request, post_id, permission=can_comment_on, denied="You may not comment here.")
    _limit(request, "comment")
    data = _valid(CommentForm({"body": payload.body}))
    saved = _save(
        comments.post_comment,
        author=request.user,
        parent=parent,
        body=data["body"],
        ip=client_ip(request),
    )
    return _created(saved)


@router.patch("/posts/{post_id}", **WRITE, response={200: schemas.Post, **ERRORS})
def edit(request, post_id: int, payload: schemas.EditIn):
    """Edit a post: its body, and a question's title and tags. The earlier version is kept
    in its history and the new text screened again, as on the edit page."""
    post = get_post_for(request.user, post_id)
    if not can_edit_post(request.user, post):
        raise ApiError(403, f"You can only edit your own {post.rules.noun}s.")
    _limit(request, "edit")
    # `revision` is checked by the service under the row lock (a 409 when another edit
    # committed first), so two clients editing one version cannot both land.
    if post.kind == Kind.QUESTION:
        fields = {
            "title": post.title if payload.title is None else payload.title,
            "body": payload.body,
            "tags": (
                " ".join(tag.name for tag in post.tags.all())
                if payload.tags is None
                else _tag_text(payload.tags)
            ),
        }
        data = _valid(QuestionForm(fields))
        saved = _save(
            questions.edit_question,
            editor=request.user,
            question=post,
            title=data["title"],
            body=data["body"],
            tag_names=data["tags"],
            seen_revision=payload.revision,
        )
    else:
        if payload.title is not None or payload.tags is not None:
            only = {name: ["Only a question has a title and tags."] for name in ("title", "tags")}
            raise ApiError(400, "The request is not valid; see fields.", fields=only)
        data = _valid(FORMS[post.kind]({"body": payload.body}))
        saved = _save(
            revise_post,
            editor=request.user,
            post=post,
            body=data["body"],
            seen_revision=payload.revision,
        )
    return shapes.post(saved)


VOTES = {"up": 1, "down": -1, "retract": None}


@router.post("/posts/{post_id}/vote", **WRITE, response={200: schemas.VoteOut, **ERRORS})
def vote(request, post_id: int, payload: schemas.VoteIn):
    """Vote a question or an answer up or down, or retract your vote. Voting down takes the
    privilege the pages ask for; repeating the vote you have is a 409."""
    post = _post(
        request,
        post_id,
        permission=can_vote_on,
        denied="You cannot vote on your own posts, on comments or on hidden ones.",
    )
    _limit(request, "vote")
    if payload.value == "down" and not can_vote_down(request.user, post):
        raise ApiError(403, "Voting down needs more reputation.")
    try:
        score = cast_vote(user=request.user, post=post, value=VOTES[payload.value])
    except VoteRefused as refusal:
        raise ApiError(409, str(refusal)) from None
    return {"score": score}


def _answer_to_accept(request, answer_id: int):
    return _post(
        request,
        answer_id,
        kind=Kind.ANSWER,
        permission=can_accept_answer,
        denied="Only the person who asked can accept an answer.",
    )


@router.post("/answers/{answer_id}/accept", **WRITE, response={200: schemas.Done, **ERRORS})
def accept(request, answer_id: int):
    """Accept an answer to your own question (it replaces any answer accepted before)."""
    answer = _answer_to_accept(request, answer_id)
    _limit(request, "vote")
    answers.accept_answer(answer=answer, by=request.user)
    return {"message": "You accepted this answer; it now comes first."}


@router.delete("/answers/{answer_id}/accept", **WRITE, response={200: schemas.Done, **ERRORS})
def unaccept(request, answer_id: int):
    """Take back your acceptance of an answer."""
    answer = _answer_to_accept(request, answer_id)
    _limit(request, "vote")
    answers.unaccept_answer(answer=answer)
    return {"message": "The answer is no longer marked as accepted."}


@router.post("/posts/{post_id}/flags", **WRITE, response={201: schemas.Done, **ERRORS})
def flag(request, post_id: int, payload: schemas.FlagIn):
    """Flag someone else's post for the moderators; takes the flag privilege."""
    post = _post(request, post_id, permission=can_flag_post, denied="You cannot flag this post.")
    _limit(request, "flag")
    try:
        flags.flag_post(user=request.user, post=post, reason=payload.reason)
    except flags.FlagRefused as refusal:
        raise ApiError(409, str(refusal)) from None
    return Status(201, {"message": "Thanks, a moderator will look at it."})
