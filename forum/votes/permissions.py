from forum.core.permissions import can_post


def can_vote_on(user, post) -> bool:
    """Members vote on posts readers can see, never on their own."""
    return can_post(user) and post.is_visible and post.author_id != user.pk
