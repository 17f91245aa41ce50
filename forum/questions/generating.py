"""A synthetic forum of any size, for benchmarks: threads with answers, comments, votes, tags,
members and some spam, the same rows for the same seed.

Rows are written with bulk inserts and ids chosen up front (so a question can name its
accepted answer before the answer's row exists; the foreign keys are checked at commit), not
through the intake: screening a million posts one by one would take hours and teaches
nothing a benchmark needs. Bodies are plain paragraphs, whose HTML is what the Markdown
renderer would make of them (a test checks this).
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils.html import escape

from forum.accounts.models import User
from forum.posts import writes
from forum.posts.models import Kind, Post, Status, Tag
from forum.votes.models import Vote

START = datetime(2015, 1, 1, tzinfo=UTC)
WORDS = [
    "the",
    "army",
    "front",
    "river",
    "tanks",
    "infantry",
    "supply",
    "trucks",
    "soviet",
    "japanese",
    "mongolian",
    "border",
    "battle",
    "commander",
    "general",
    "division",
    "regiment",
    "artillery",
    "aircraft",
    "bridge",
    "crossing",
    "night",
    "attack",
    "defence",
    "envelopment",
    "plain",
    "steppe",
    "hills",
    "positions",
    "doctrine",
    "purge",
    "officer",
    "staff",
    "logistics",
    "railhead",
    "kilometres",
    "fuel",
    "water",
    "summer",
    "august",
    "september",
    "treaty",
    "ceasefire",
    "casualties",
    "losses",
    "reinforcement",
    "reserve",
    "armour",
    "brigade",
    "corps",
    "flank",
    "encirclement",
    "strategy",
    "operation",
    "intelligence",
    "radio",
    "maps",
    "orders",
    "retreat",
    "advance",
    "victory",
    "defeat",
    "history",
    "source",
    "archive",
    "memoir",
    "account",
    "historian",
    "evidence",
    "reason",
    "because",
    "however",
    "was",
    "were",
    "had",
    "did",
    "not",
    "only",
    "also",
    "which",
    "while",
    "after",
    "before",
    "during",
    "against",
    "between",
]
RARE = [
    "Zhukov",
    "Nomonhan",
    "Kwantung",
    "Khalkhin",
    "Tamtsag",
    "Komatsubara",
    "Shtern",
    "Bain-Tsagan",
]
SPAM = (
    "I congratulate, the bright idea. Write to me in PM, we will handle it. "
    "Cheap watches and pills at a discount, visit my shop today."
)


@dataclass
class Plan:
    posts: int
    seed: int = 1
    members: int = 0  # 0: one per twenty posts
    tags: int = 300
    big_thread_answers: int = 200
    big_thread_comments: int = 500
    counts: dict = field(default_factory=dict)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 16))
    if rng.random() < 0.05:
        words[rng.randrange(len(words))] = rng.choice(RARE)
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, paragraphs: int, sentences: int) -> tuple[str, str]:
    parts = [
        " ".join(_sentence(rng) for _ in range(rng.randint(1, sentences)))
        for _ in range(rng.randint(1, paragraphs))
    ]
    return "\n\n".join(parts), "".join(f"<p>{escape(part)}</p>\n" for part in parts)


def _title(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(5, 10))).capitalize()[:140] + "?"


class _Ids:
    def __init__(self, start: int):
        self.next = start

    def take(self) -> int:
        self.next += 1
        return self.next


def generate_forum(plan: Plan, *, batch_questions: int = 500, report=None) -> dict:
    """Write `plan.posts` posts (about a tenth questions, three tenths answers, the rest
    comments) and their members, tags and votes; return the counts. The database must hold
    no posts yet."""
    if Post.objects.exists():
        raise ValueError("The database already has posts; generate into an empty one.")
    rng = random.Random(plan.seed)
    members = _members(plan, rng)
    tags = list(Tag.objects.bulk_create(Tag(name=f"topic-{n:03d}") for n in range(plan.tags)))
    tag_weights = [1 / (rank + 1) for rank in range(len(tags))]  # Zipf: one tag is busy
    ids = _Ids(0)
    vote_ids = _Ids(Vote.objects.aggregate(top=Max("pk"))["top"] or 0)
    counts = {"questions": 0, "answers": 0, "comments": 0, "votes": 0, "members": len(members)}
    clock = START
    first = True
    written = 0
    while written < plan.posts:
        with transaction.atomic():
            rows, tag_rows, votes = [], [], []
            for _ in range(batch_questions):
                if written + len(rows) >= plan.posts:
                    break
                clock += timedelta(minutes=rng.randint(1, 30))
                big = first
                first = False
                thread = _thread(plan, rng, ids, members, clock, big=big)
                rows.extend(thread)
                question = thread[0]
                for tag in set(rng.choices(tags, weights=tag_weights, k=rng.randint(1, 4))):
                    tag_rows.append(Post.tags.through(post_id=question.pk, tag_id=tag.pk))
                votes.extend(_votes(rng, thread, members, vote_ids))
            writes.insert_generated(rows, tag_rows)
            Vote.objects.bulk_create(votes, batch_size=5000)
        for post in rows:
            counts[f"{post.kind}s"] += 1
        counts["votes"] += len(votes)
        written += len(rows)
        if report:
            report(counts)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Post, Vote]):
            cursor.execute(statement)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics for the planner, and a visibility map for index-only scans.
            cursor.execute("VACUUM ANALYZE")
        elif connection.vendor == "sqlite":
            # Without statistics SQLite reads a thread's comments through the (kind, status)
            # index, every comment on the site, instead of by parent.
            cursor.execute("ANALYZE")
    return counts


def _members(plan: Plan, rng: random.Random) -> list[User]:
    count = plan.members or max(10, plan.posts // 20)
    joined = START - timedelta(days=30)
    return User.objects.bulk_create(
        (
            User(username=f"member{n:06d}", password=UNUSABLE_PASSWORD_PREFIX, date_joined=joined)
            for n in range(count)
        ),
        batch_size=5000,
    )


def _reply(rng, ids, kind, question, parent, members, at, spam_rate):
    """An answer or comment under `parent` in `question`'s thread; spam one time in
    1 / `spam_rate`."""
    spam = rng.random() < spam_rate
    return _post(
        rng,
        ids,
        kind=kind,
        author=rng.choice(members),
        at=at,
        thread=question.pk,
        parent=parent.pk,
        spam=spam,
    )


def _post(rng, ids, *, kind, author, at, thread=None, parent=None, spam=False, **fields):
    body, html = (SPAM, f"<p>{escape(SPAM)}</p>\n") if spam else _body(rng, 3, 4)
    status = Status.VISIBLE
    if spam:
        status = rng.choice([Status.SPAM, Status.HELD])
    return Post(
        pk=ids.take(),
        kind=kind,
        author_id=author.pk,
        thread_id=thread,
        parent_id=parent,
        body=body,
        body_html=html,
        status=status,
        spam_score=0.9 if spam else 0.05,
        created_at=at,
        last_activity_at=at,
        **fields,
    )


def _thread(plan, rng, ids, members, at, *, big: bool) -> list[Post]:
    question = _post(
        rng, ids, kind=Kind.QUESTION, author=rng.choice(members), at=at, title=_title(rng)
    )
    answers_wanted = plan.big_thread_answers if big else min(rng.choice([0, 1, 2, 3, 3, 4, 8]), 8)
    answers = []
    when = at
    for _ in range(answers_wanted):
        when += timedelta(minutes=rng.randint(1, 600))
        answers.append(_reply(rng, ids, Kind.ANSWER, question, question, members, when, 0.03))
    parents = [question, *answers]
    comments_wanted = plan.big_thread_comments if big else 2 * len(parents)
    comments = []
    for _ in range(comments_wanted):
        parent = rng.choice(parents)
        when = max(when, parent.created_at) + timedelta(minutes=rng.randint(1, 120))
        comments.append(_reply(rng, ids, Kind.COMMENT, question, parent, members, when, 0.05))
    visible_answers = [answer for answer in answers if answer.status == Status.VISIBLE]
    question.answer_count = len(visible_answers)
    if visible_answers and rng.random() < 0.4:
        question.accepted_answer_id = rng.choice(visible_answers).pk
    replies = [post for post in (*answers, *comments) if post.status == Status.VISIBLE]
    question.last_activity_at = max((post.created_at for post in replies), default=at)
    return [question, *answers, *comments]


def _votes(rng, thread, members, vote_ids) -> list[Vote]:
    votes = []
    for post in thread:
        if not post.rules.votable or post.status != Status.VISIBLE:
            continue
        for voter in rng.sample(members, k=min(len(members), rng.choice([0, 0, 1, 2, 3, 5]))):
            value = 1 if rng.random() < 0.85 else -1
            post.score += value
            votes.append(Vote(pk=vote_ids.take(), user_id=voter.pk, post_id=post.pk, value=value))
    return votes
