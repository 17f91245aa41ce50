from django.db.models import Q

from .models import Vote


def get_votes_in_thread(viewer, question) -> dict[tuple[str, int], int]:
    """The viewer's votes in a thread, keyed ("question", id) or ("answer", id), in one query."""
    if not viewer.is_authenticated:
        return {}
    votes = Vote.objects.filter(
        Q(question=question) | Q(answer__question=question), user=viewer
    ).values_list("question_id", "answer_id", "value")
    return {
        ("question", question_id) if question_id else ("answer", answer_id): value
        for question_id, answer_id, value in votes
    }
