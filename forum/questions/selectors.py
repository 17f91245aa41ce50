"""Reads for the question list, tag pages, search and the thread page."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.votes.selectors import get_votes_in_thread

from .models import Question, Tag

SORTS = {
    "newest": ("Newest", ("-created_at", "-pk")),
    "active": ("Active", ("-last_activity_at", "-pk")),
    "votes": ("Most votes", ("-score", "-created_at", "-pk")),
    "unanswered": ("Unanswered", ("-created_at", "-pk")),
}
DEFAULT_SORT = "active"


def list_questions(*, viewer, sort: str = DEFAULT_SORT, tag: Tag | None = None) -> QuerySet:
    """Questions for a list page, with what the summary row shows already joined."""
    if sort not in SORTS:
        sort = DEFAULT_SORT
    questions = Question.objects.visible_to(viewer)
    if sort == "unanswered":
        questions = questions.unanswered()
    if tag is not None:
        questions = questions.filter(tags=tag)
    return questions.select_related("author").prefetch_related("tags").order_by(*SORTS[sort][1])


def search_questions(*, viewer, query: str) -> QuerySet:
    """Questions whose title or body contains every word of the query."""
    words = query.split()[:10]
    questions = Question.objects.visible_to(viewer)
    for word in words:
        questions = questions.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return questions.select_related("author").prefetch_related("tags").order_by("-score", "-pk")


def get_tag(name: str) -> Tag:
    try:
        return Tag.objects.get(name=name)
    except Tag.DoesNotExist:
        raise Http404("No such tag.") from None


def get_question_for(viewer, question_id: int) -> Question:
    """The question if this viewer may see it, else 404 (hidden questions stay invisible)."""
    try:
        return (
            Question.objects.visible_to(viewer)
            .select_related("author")
            .prefetch_related("tags")
            .get(pk=question_id)
        )
    except Question.DoesNotExist:
        raise Http404("No such question.") from None


@dataclass
class Thread:
    """Everything the thread page shows, fetched in a fixed number of queries."""

    question: Question
    comments: list[Comment]
    answers: list[Answer]
    votes: dict[tuple[str, int], int] = field(default_factory=dict)


def get_thread(viewer, question: Question) -> Thread:
    answers = list(
        Answer.objects.visible_to(viewer)
        .filter(question=question)
        .select_related("author")
        .annotate(
            accepted_first=Case(
                When(pk=question.accepted_answer_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("accepted_first", "-score", "created_at", "pk")
    )
    comments_by_answer: dict[int | None, list[Comment]] = {}
    for comment in (
        Comment.objects.visible_to(viewer)
        .filter(question=question)
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        comments_by_answer.setdefault(comment.answer_id, []).append(comment)
    for answer in answers:
        # Permission checks in the template read answer.question: share the one we have.
        answer.question = question
        answer.thread_comments = comments_by_answer.get(answer.pk, [])
    return Thread(
        question=question,
        comments=comments_by_answer.get(None, []),
        answers=answers,
        votes=get_votes_in_thread(viewer, question),
    )
