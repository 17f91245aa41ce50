"""Reads: the same selectors as the pages, so the one visibility rule decides what a reader
sees, and a hidden post answers the same 404 as one that never existed."""

from typing import Literal

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Query
from pydantic import Field

from forum.accounts.models import User
from forum.accounts.permissions import can_moderate
from forum.posts.models import Kind
from forum.posts.search import Query as SearchQuery
from forum.posts.search import search_posts
from forum.posts.selectors import get_post_for, get_thread, list_comments
from forum.questions import selectors

from . import cursors, schemas, shapes
from .auth import ANYONE, MEMBER
from .errors import ApiError
from .routes import router

READ = {"auth": ANYONE, "tags": ["read"]}


def _no_nul(value: str | None, field: str) -> str | None:
    """NUL bytes are refused (PostgreSQL cannot even compare a text with one): a 400."""
    if value is not None and "\x00" in value:
        raise ApiError(
            400, "The request is not valid; see fields.", fields={field: ["Contains a NUL byte."]}
        )
    return value


ERRORS = {400: schemas.Error, 401: schemas.Error, 404: schemas.Error}
MAX_PAGE = selectors.MAX_LIST_PAGES


class ListParams(schemas.Strict):
    sort: Literal["newest", "active", "votes", "unanswered"] = Field(
        default="active", description="Ignored with `tag`: a tag's questions come newest first."
    )
    tag: str | None = Field(default=None, max_length=35)
    cursor: str | None = Field(default=None, max_length=500)
    limit: int = Field(default=settings.FORUM_QUESTIONS_PER_PAGE, ge=1, le=50)


@router.get("/questions", **READ, response={200: schemas.QuestionPage, **ERRORS})
def list_questions(request, params: Query[ListParams]):
    """Questions the reader may see: newest, active (the default), votes or unanswered, or a
    tag's; a page at a time, each page's `next_cursor` leading to the next."""
    _no_nul(params.tag, "tag")
    tag = selectors.get_tag_for(request.user, params.tag) if params.tag else None
    sort = "newest" if tag is not None else params.sort
    position = cursors.read(params.cursor, sort=sort, tag=params.tag)
    page = selectors.list_questions(
        viewer=request.user,
        number=1,
        per_page=params.limit,
        sort=sort,
        tag=tag,
        after=position,
        cursors_from=1,
    )
    next_cursor = (
        cursors.make(page.next_after, sort=sort, tag=params.tag) if page.next_after else None
    )
    return {"items": [shapes.summary(q) for q in page], "next_cursor": next_cursor}


@router.get("/questions/{question_id}", **READ, response={200: schemas.Thread, **ERRORS})
def get_question(
    request, question_id: int, page: int = Query(1, ge=1, le=MAX_PAGE)
):  # fmt: skip
    """A question with one page of its answers (the accepted first, then by score) and the
    comments under each, as the thread page shows them."""
    question = get_post_for(request.user, question_id, kind=Kind.QUESTION)
    thread = get_thread(request.user, question, page=page, per_page=settings.FORUM_ANSWERS_PER_PAGE)
    accepted = question.accepted_answer_id
    return {
        "question": shapes.question(question),
        "comments": shapes.comments_of(question),
        "more_comments": question.folded_comments,
        "answers": [shapes.answer(answer, accepted_id=accepted) for answer in thread.answers],
        "answers_page": thread.answers.number,
        "more_answers": thread.answers.has_next,
    }


@router.get("/posts/{post_id}", **READ, response={200: schemas.Post, **ERRORS})
def get_post(request, post_id: int):
    """One post of any kind with its Markdown source. Its author (and moderators) can read it
    while it is held or hidden, with the reason in plain words, as under it on the page."""
    return shapes.post(get_post_for(request.user, post_id))


@router.get("/posts/{post_id}/comments", **READ, response={200: list[schemas.Reply], **ERRORS})
def get_comments(request, post_id: int):
    """Every comment the reader may see under a question or an answer, oldest first."""
    post = get_post_for(request.user, post_id)
    for comment in (comments := list_comments(request.user, post)):
        comment.thread = post.thread or post  # for its address; already read
    return [shapes.reply(comment) for comment in comments]


@router.get("/tags", **READ, response={200: schemas.TagPage, **ERRORS})
def list_tags(
    request,
    q: str = Query("", max_length=35, description="Only tags containing this."),
    page: int = Query(1, ge=1, le=MAX_PAGE),
):
    """Tags on questions the reader may see, most used first."""
    window = selectors.list_tags(
        viewer=request.user,
        name_contains=_no_nul(q, "q").strip().lower(),
        number=page,
        per_page=settings.FORUM_TAGS_PER_PAGE,
    )
    items = [
        {"name": tag.name, "question_count": tag.question_count, "url": tag.get_absolute_url()}
        for tag in window
    ]
    return {"items": items, "page": window.number, "more": window.has_next}


@router.get("/search", **READ, response={200: schemas.SearchPage, **ERRORS})
def search(
    request,
    q: str = Query(..., max_length=200, description="Words; `[tag]` limits to one tag."),
    page: int = Query(1, ge=1, le=MAX_PAGE),
):
    """Questions and answers containing every word, best first, as the search page finds them."""
    window = search_posts(
        request.user,
        SearchQuery.parse(_no_nul(q, "q")),
        number=page,
        per_page=settings.FORUM_QUESTIONS_PER_PAGE,
    )
    items = []
    for hit in window:
        post = hit.post
        thread = post.thread or post
        items.append(
            {
                "id": post.pk,
                "kind": post.kind,
                "title": thread.title,
                "question_id": thread.pk,
                "score": post.score,
                "author": post.author.username,
                "created_at": post.created_at,
                "snippet_html": str(hit.snippet),
                "url": post.get_absolute_url(),
            }
        )
    return {"items": items, "page": window.number, "more": window.has_next}


def _links(window) -> list[dict]:
    return [
        {
            "id": post.pk,
            "kind": post.kind,
            "title": (post.thread or post).title,
            "score": post.score,
            "url": post.get_absolute_url(),
        }
        for post in window
    ]


@router.get("/users/{username}", **READ, response={200: schemas.Member, **ERRORS})
def get_member(request, username: str):
    """A member's public profile, and their newest questions and answers the reader may see."""
    member = get_object_or_404(User, username=_no_nul(username, "username"))
    newest = {
        kind: selectors.list_posts_by(member, viewer=request.user, kind=kind, number=1, per_page=10)
        for kind in (Kind.QUESTION, Kind.ANSWER)
    }
    return {
        "username": member.username,
        "name": member.public_name,
        "about_html": member.about_html,
        "reputation": member.reputation,
        "joined_at": member.date_joined,
        "url": member.get_absolute_url(),
        "questions": _links(newest[Kind.QUESTION]),
        "answers": _links(newest[Kind.ANSWER]),
    }


@router.get("/me", auth=MEMBER, tags=["read"], response={200: schemas.Me, **ERRORS})
def me(request):
    """Who the token (or session) acts as."""
    user = request.user
    return {
        "username": user.username,
        "name": user.public_name,
        "reputation": user.reputation,
        "moderator": can_moderate(user),
        "suspended": user.is_suspended,
    }
