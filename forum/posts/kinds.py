"""What each kind of post is and does, said once.

Questions, answers and comments are rows of one table (`models.Post`), told apart by `kind`.
Whatever depends on the kind - may it be voted on, does it count as an answer, is it
searchable, where is its edit page - is a field of the kind's `KindRules` here, and code,
templates and the search SQL ask it (`post.rules.votable`, `Kind.rules(kind)`,
`where(searchable=True)`) instead of comparing kind strings. Adding a kind is one `Kind`
value and one `RULES` entry here, plus the kind's own app (README, "Adding a kind of post");
tests/posts/test_kinds.py fails for a kind without rules or without pages.

Pages. `posts` sits below the apps that serve each kind's pages, so it never names their
URLs (tests/test_layering.py). Two of Django's own hooks wire them instead:

- where a post lives (`get_absolute_url`, which `redirect(post)` and the admin use too) is
  the project's decision: settings.ABSOLUTE_URL_OVERRIDES points `posts.post` at the app
  serving the thread page. A thread's first post lives at that page, every other post at
  its `anchor` there.
- a kind's own pages (its edit page) are registered by the kind's app in its
  AppConfig.ready(), `register_pages(Kind.ANSWER, edit="answers:edit")`, next to the URLs it
  serves: installing the app wires them, and nothing below it changes. Registering rather
  than one `/posts/<id>/edit/` dispatcher keeps each kind's URLs, rate limits and forms
  where they are, and costs no extra hop.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.db.models import Q

from forum.core.reversing import fast_reverse


class Kind(models.TextChoices):
    # Labels come from the names: "Question", "Answer", "Comment".
    QUESTION = "question"
    ANSWER = "answer"
    COMMENT = "comment"

    @classmethod
    def rules(cls, kind: str) -> "KindRules":
        return RULES[kind]


class Place(StrEnum):
    """Where a kind of post hangs in its thread: what its `thread` and `parent` are."""

    # It starts a thread: no thread, no parent; the thread's title and tags are its own.
    START = "start"
    # Under the thread's first post (its parent is the thread).
    THREAD = "thread"
    # Under one post of the thread that takes such replies, listed beneath that post.
    POST = "post"


@dataclass(frozen=True)
class KindRules:
    """What one kind of post is and does. Where it lives on the site follows from `place`
    (see the module docstring); its own pages are registered by its app."""

    kind: str
    noun: str  # in messages to people: "Your answer is posted."
    byline: str  # under the post: "answered 3 hours ago by …"
    place: Place
    # Members vote on it; an up-vote earns its author this FORUM_REPUTATION event.
    votable: bool = False
    upvote_event: str = ""
    acceptable: bool = False  # the thread's asker may accept one
    # An answer: in its question's visible-answer count and the thread page's paged list.
    counts_as_answer: bool = False
    searchable: bool = False  # in the full-text index (posts/search.py)
    commentable: bool = False  # comments may hang under it
    folds_as_chatter: bool = False  # mere thanks or +1 is shown folded, not held
    # A new one tells its parent's author (a notification of the kind's own name).
    notifies_parent: bool = False

    @property
    def starts_thread(self) -> bool:
        """It opens a thread, and has the thread's title and tags."""
        return self.place == Place.START

    def anchor(self, post_id: int) -> str:
        """Its element's id on the thread page: "answer-12"."""
        return f"{self.kind}-{post_id}"

    @property
    def pages(self) -> "KindPages":
        try:
            return _PAGES[self.kind]
        except KeyError:
            raise LookupError(
                f"No app registered the pages of {self.kind} posts: call "
                "forum.posts.kinds.register_pages in its AppConfig.ready()."
            ) from None

    def edit_url(self, post_id: int) -> str:
        return fast_reverse(self.pages.edit, post_id)


RULES: dict[str, KindRules] = {
    Kind.QUESTION: KindRules(
        kind=Kind.QUESTION,
        noun="question",
        byline="asked",
        place=Place.START,
        votable=True,
        upvote_event="question_upvoted",
        searchable=True,
        commentable=True,
    ),
    Kind.ANSWER: KindRules(
        kind=Kind.ANSWER,
        noun="answer",
        byline="answered",
        place=Place.THREAD,
        votable=True,
        upvote_event="answer_upvoted",
        acceptable=True,
        counts_as_answer=True,
        searchable=True,
        commentable=True,
        folds_as_chatter=True,
        notifies_parent=True,
    ),
    Kind.COMMENT: KindRules(
        kind=Kind.COMMENT,
        noun="comment",
        byline="commented",
        place=Place.POST,
        folds_as_chatter=True,
        notifies_parent=True,
    ),
}


@dataclass(frozen=True)
class KindPages:
    """URL names of a kind's own pages, each taking the post's id."""

    edit: str


_PAGES: dict[str, KindPages] = {}


def register_pages(kind: str, *, edit: str) -> None:
    """Say which URLs serve `kind`'s pages; called by the kind's app in AppConfig.ready()."""
    _PAGES[kind] = KindPages(edit=edit)


def kinds_where(**wanted) -> list[str]:
    """The kinds whose rules have every attribute given: `kinds_where(searchable=True)`."""
    return [
        kind
        for kind, rules in RULES.items()
        if all(getattr(rules, name) == value for name, value in wanted.items())
    ]


def where(**wanted) -> Q:
    """A filter on `kind` for the kinds `kinds_where(**wanted)` gives. One kind is matched
    with `=`, as the index on `kind` and the migrations' constraints were written."""
    kinds = kinds_where(**wanted)
    return Q(kind=kinds[0]) if len(kinds) == 1 else Q(kind__in=kinds)
