from django.db.models import Q

from .models import Vote


def get_votes_in_thread(viewer, question) -> dict[int, int]:
    """The viewer's votes on the question and its answers, by post id, in one query."""
    if not viewer.is_authenticated:
        return {}
    votes = Vote.objects.filter(Q(post=question) | Q(post__thread=question), user=viewer)
    return dict(votes.values_list("post_id", "value"))
