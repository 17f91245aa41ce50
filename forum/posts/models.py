"""The one table every question, answer and comment lives in, and the rows that hang off it.

Stack Exchange (`Posts` with `PostTypeId`) and Askbot (`Post.post_type`) keep every kind of post
in one table too: votes, flags, revisions and the audit log then point at posts with plain
foreign keys, and a status, a counter or a rule is written once. What each kind is and does
(votable, searchable, counted as an answer, its anchor and pages) is said once, in
`kinds.py`. The `questions`, `answers` and `comments` apps own each kind's pages, forms and
permissions, with a proxy model each.

Nothing is ever deleted: moderation changes `status`, and readers see a post only through
`PostQuerySet.visible_to`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull
from django.utils import timezone

from forum.accounts.permissions import can_moderate
from forum.accounts.reputation import markup_allowed
from forum.core.loading import LoadedFromRows
from forum.core.markdown import render_markdown

from .kinds import RULES, Kind, KindRules, Place, where


class PostRefused(Exception):
    """A new post or an edit was not accepted at all (a rate limit, a suspension); nothing was
    saved. Raised by the moderation intake; the message is for the member."""

    status_code = 429  # most refusals are limits: the same text may pass later


class PostBlocked(PostRefused):
    """The text itself is refused (a watched word, domain or address blocks it): sending it
    again will not help, so it is a 400, and the page keeps the text for the author to change."""

    status_code = 400


class PostNoLongerAllowed(PostRefused):
    """The permission checked before the write no longer held once its row was locked (a
    moderator hid the post, the author was suspended, the thread was locked meanwhile)."""

    status_code = 403


class PostEditedSince(PostRefused):
    """An edit made on a version of the post that is no longer its latest: another edit
    committed first. Checked under the row lock, so two edits of one version cannot both land."""

    status_code = 409


class Status(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for review"
    SPAM = "spam", "Hidden as spam"
    HIDDEN = "hidden", "Hidden by a moderator"


# The statuses that keep a post from readers: what moderation looks at.
STOPPED = (Status.HELD, Status.SPAM, Status.HIDDEN)


class Tag(models.Model):
    name = models.CharField(max_length=35, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    # get_absolute_url: settings.ABSOLUTE_URL_OVERRIDES (the app serving tag pages).


def _readable(user, prefix: str = "") -> Q:
    """The posts at the end of `prefix` (e.g. "thread__") that `user` may read."""
    visible = Q(**{f"{prefix}status": Status.VISIBLE})
    if not user.is_authenticated:
        return visible
    return visible | Q(**{f"{prefix}author": user})


class PostQuerySet(models.QuerySet):
    def questions(self):
        return self.filter(kind=Kind.QUESTION)

    def answers(self):
        return self.filter(kind=Kind.ANSWER)

    def comments(self):
        return self.filter(kind=Kind.COMMENT)

    def visible_to(self, user, *, parents_read: bool = False):
        """Posts `user` may read: the one visibility rule every page and feed goes through.

        Readers see visible posts; authors also see their own posts whatever their status
        (marked, so they know the truth about them and can appeal); moderators see everything.
        A post under a post the user may not read (a hidden question, a hidden answer) is
        hidden with it.

        `parents_read=True` says the caller already read every post's thread and parent
        through this rule (a question has neither; a thread page's replies sit under the posts
        it shows), so only each post's own status is checked, without the two joins.
        """
        if can_moderate(user):
            return self
        if parents_read:
            return self.filter(_readable(user))
        return self.filter(
            _readable(user),
            Q(thread__isnull=True) | _readable(user, "thread__"),
            Q(parent__isnull=True) | _readable(user, "parent__"),
        )


class PostManager(models.Manager.from_queryset(PostQuerySet)):
    """`Post.objects` sees every kind; each kind's proxy model passes its own `kind`."""

    def __init__(self, kind: str | None = None):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        posts = super().get_queryset()
        return posts if self.kind is None else posts.filter(kind=self.kind)


class Post(LoadedFromRows, models.Model):
    """A question, an answer or a comment.

    A question has no thread and no parent. An answer's thread and parent are its question.
    A comment's parent is the question or answer it is under, its thread the question.
    """

    kind = models.CharField(max_length=10, choices=Kind.choices)
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts"
    )
    body = models.TextField()
    body_html = models.TextField(editable=False)
    # Bumped by every edit, so a moderator's decision names the version they saw.
    revision = models.PositiveIntegerField(default=1)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    status_reason = models.CharField(max_length=300, blank=True)
    # The spam filter's last opinion, kept so moderators see why and rescans can compare.
    spam_score = models.FloatField(null=True, blank=True)
    spam_reasons = models.JSONField(default=list, blank=True)
    # Set when a moderator decided the status; automatic rescans never override a human.
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Nothing but thanks, +1 or praise by the spam filter's reading: readers see such replies
    # folded under their post, so a thread stays readable without anything being hidden.
    is_chatter = models.BooleanField(default=False)

    score = models.IntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    # Questions only (the check constraints keep them empty on answers and comments).
    title = models.CharField(max_length=150, blank=True)
    tags = models.ManyToManyField(Tag, related_name="questions", blank=True)
    accepted_answer = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Visible answers; changed in SQL by the services that change an answer's visibility.
    answer_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(default=timezone.now)
    # Closed: no new answers. Locked: members may not answer, comment, vote or edit. Set and
    # cleared only by forum/moderation/closing.py, which logs who and why.
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    lock_reason = models.CharField(max_length=300, blank=True)

    objects = PostManager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="post_kind_known"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="post_status_known"),
            # The shapes of the kinds' places (kinds.Place); names from when there were three.
            models.CheckConstraint(
                condition=~where(place=Place.START)
                | (Q(thread__isnull=True, parent__isnull=True) & ~Q(title="")),
                name="question_has_title_and_no_thread",
            ),
            models.CheckConstraint(
                condition=where(place=Place.START)
                | Q(
                    thread__isnull=False,
                    parent__isnull=False,
                    title="",
                    accepted_answer__isnull=True,
                    answer_count=0,
                    closed_at__isnull=True,
                    duplicate_of__isnull=True,
                    locked_at__isnull=True,
                ),
                name="reply_has_thread_and_no_question_fields",
            ),
            models.CheckConstraint(
                condition=~where(place=Place.THREAD) | Q(parent=F("thread")),
                name="answer_parent_is_its_question",
            ),
        ]
        indexes = [
            # Question lists, one per ordering offered, ending in the id that breaks ties,
            # so a page's ids come from an index walk that stops after the page.
            models.Index(fields=["kind", "status", "-last_activity_at", "-id"], name="post_active"),
            models.Index(fields=["kind", "status", "-created_at", "-id"], name="post_newest"),
            models.Index(
                fields=["kind", "status", "-score", "-created_at", "-id"], name="post_votes"
            ),
            models.Index(
                fields=["kind", "status", "answer_count", "-created_at", "-id"],
                name="post_unanswered",
            ),
            # The moderation queue, rate limits and profiles.
            models.Index(fields=["status", "-created_at"], name="post_queue"),
            models.Index(fields=["author", "-created_at"], name="post_by_author"),
            # Search in a small tag (forum/posts/search.py): the questions and answers of
            # its threads, each thread's in one range, without reading their comments (two
            # thirds of the posts), which search never shows. The condition's second part
            # (always true) is stated by that search alone: with only the kinds, the planner
            # ANDed the whole index into other statements on those kinds as a filter on kind
            # (330,000 entries at 1 M posts).
            models.Index(
                Coalesce("thread", "id"),
                condition=where(searchable=True) & Q(IsNull(Coalesce("thread", "id"), False)),
                name="post_searchable_by_thread",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} {self.pk}"

    # get_absolute_url: settings.ABSOLUTE_URL_OVERRIDES (the app serving the thread page).

    @property
    def rules(self) -> KindRules:
        """What this kind of post is and does (forum/posts/kinds.py)."""
        return RULES[self.kind]

    @property
    def anchor(self) -> str:
        """Its element's id on the thread page: "answer-12"."""
        return self.rules.anchor(self.pk)

    def get_edit_url(self) -> str:
        return self.rules.edit_url(self.pk)

    @property
    def thread_title(self) -> str:
        """The title of the thread the post is in (its own, if it starts one)."""
        return (self.thread or self).title

    @property
    def is_visible(self) -> bool:
        return self.status == Status.VISIBLE

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def set_body(self, body: str) -> None:
        """Set the Markdown source and its sanitised HTML together, so they never disagree.

        Links and images are live only if the author has earned them.
        """
        self.body = body
        self.body_html = render_markdown(body, **markup_allowed(self.author))


class Revision(models.Model):
    """An earlier version of an edited post, kept so edits can be reviewed and undone."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()  # the post's `revision` while it had this text
    # Whoever replaced this text, and when.
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    tag_names = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator hid this version from the public (personal data, say); the text
    # is kept for moderators and the audit log says who and why.
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="one_revision_per_number")
        ]
        ordering = ["-number"]

    def __str__(self):
        return f"Revision {self.number} of post {self.post_id}"

    @classmethod
    def of(cls, post: Post, *, editor, tag_names: str, at) -> "Revision":
        """An unsaved copy of the post's current version, replaced by `editor` at `at`."""
        return cls(
            post=post,
            number=post.revision,
            editor=editor,
            title=post.title,
            body=post.body,
            tag_names=tag_names,
            created_at=at,
        )
