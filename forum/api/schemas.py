"""What the API reads and writes, as typed schemas: they are the OpenAPI schema's source.

Input schemas forbid unknown fields, so a misspelt field is a 400 naming it rather than
something silently ignored. The text rules (lengths, tags, NUL bytes) are the pages' own
forms', applied by the endpoints after these types.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.conf import settings
from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints

from forum.comments.forms import MAX_COMMENT_LENGTH
from forum.questions.forms import MAX_TAGS


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(Schema):
    code: str = Field(description="Stable, for programs: invalid, unauthenticated, ...")
    message: str = Field(description="For people; the words the pages use.")
    fields: dict[str, list[str]] = Field(description="On a 400: each field's problems.")


class Error(Schema):
    error: ErrorDetail


class Author(Schema):
    username: str
    name: str = Field(description="The display name, or the username when none is set.")
    url: str


class PostStatus(Schema):
    status: Literal["visible", "held", "spam", "hidden"]
    status_label: str = Field(description="E.g. “Held for a moderator's review”.")
    status_reason: str = Field(
        description="Why a post readers cannot see is held or hidden, in plain words; only "
        "its author and moderators can read such a post. Empty for visible posts."
    )


class Reply(PostStatus):
    id: int
    kind: Literal["answer", "comment"]
    parent_id: int
    question_id: int
    author: Author
    body_html: str
    score: int
    created_at: datetime
    edited_at: datetime | None
    revision: int
    folded: bool = Field(description="Short thanks or +1, shown folded on the page.")
    url: str


class AnswerWithComments(Reply):
    accepted: bool
    comments: list[Reply]
    more_comments: int = Field(description="Comments not listed here: see /posts/{id}/comments.")


class QuestionSummary(PostStatus):
    id: int
    title: str
    score: int
    answer_count: int
    accepted_answer_id: int | None
    tags: list[str]
    author: Author
    created_at: datetime
    last_activity_at: datetime
    closed: bool
    duplicate_of_id: int | None
    url: str


class QuestionPage(Schema):
    items: list[QuestionSummary]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


class Question(QuestionSummary):
    body_html: str
    edited_at: datetime | None
    revision: int
    locked: bool
    close_reason: str


class Thread(Schema):
    question: Question
    comments: list[Reply]
    more_comments: int
    answers: list[AnswerWithComments]
    answers_page: int
    more_answers: bool = Field(description="Whether `answers_page` + 1 has answers.")


class Post(PostStatus):
    """One post of any kind, with its Markdown source (what an edit replaces)."""

    id: int
    kind: Literal["question", "answer", "comment"]
    title: str
    body: str
    body_html: str
    tags: list[str]
    author: Author
    parent_id: int | None
    question_id: int
    score: int
    created_at: datetime
    edited_at: datetime | None
    revision: int
    url: str


class Tag(Schema):
    name: str
    question_count: int
    url: str


class TagPage(Schema):
    items: list[Tag]
    page: int
    more: bool


class SearchHit(Schema):
    id: int
    kind: Literal["question", "answer"]
    title: str = Field(description="The question's title (an answer's thread).")
    question_id: int
    score: int
    author: str
    created_at: datetime
    snippet_html: str
    url: str


class SearchPage(Schema):
    items: list[SearchHit]
    page: int
    more: bool


class PostLink(Schema):
    id: int
    kind: Literal["question", "answer"]
    title: str
    score: int
    url: str


class Member(Schema):
    username: str
    name: str
    about_html: str
    reputation: int
    joined_at: datetime
    url: str
    questions: list[PostLink] = Field(description="The newest questions the reader may see.")
    answers: list[PostLink] = Field(description="The newest answers the reader may see.")


class Me(Schema):
    username: str
    name: str
    reputation: int
    moderator: bool
    suspended: bool


# --- input ----------------------------------------------------------------------------------
# The bounds the pages' forms apply, stated in the schema too so clients (and the fuzzer) can
# read them; the forms still decide (a body of spaces is empty once stripped, a tag is read
# lowercased).

BODY_MAX = settings.FORUM_MAX_BODY_LENGTH
Title = Annotated[str, StringConstraints(min_length=10, max_length=settings.FORUM_MAX_TITLE_LENGTH)]
TagName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+#-]{0,34}$")]
Tags = Annotated[list[TagName], Field(max_length=MAX_TAGS, description="At most five tags.")]


class QuestionIn(Strict):
    title: Title
    body: str = Field(min_length=20, max_length=BODY_MAX, description="Markdown.")
    tags: Tags = Field(default_factory=list)


class ReplyIn(Strict):
    body: str = Field(min_length=1, max_length=BODY_MAX, description="Markdown.")


class CommentIn(Strict):
    body: str = Field(min_length=1, max_length=MAX_COMMENT_LENGTH, description="Markdown.")


class EditIn(Strict):
    body: str = Field(min_length=1, max_length=BODY_MAX, description="Markdown.")
    title: Title | None = Field(default=None, description="Questions only.")
    tags: Tags | None = Field(default=None, description="Questions only.")
    revision: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="The revision you edited; if the post changed since, 409 and nothing saved.",
    )


class VoteIn(Strict):
    value: Literal["up", "down", "retract"]


class VoteOut(Schema):
    score: int


class FlagIn(Strict):
    reason: Literal["spam", "rude", "not_an_answer", "no_longer_needed"]


class Done(Schema):
    message: str
