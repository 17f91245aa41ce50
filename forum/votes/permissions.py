from forum.accounts.permissions import can_post
from forum.accounts.reputation import has_privilege
from forum.posts.models import Post


def can_vote_on(user, post: Post) -> bool:
    """Members vote on questions and answers readers can see, never on their own, and not
    in a locked thread."""
    return (
        can_post(user)
        and post.rules.votable
        and post.is_visible
        and post.author_id != user.pk
        and not (post.thread or post).is_locked
    )


def can_vote_down(user, post: Post) -> bool:
    """Down-votes cost their target reputation, so they take the vote_down privilege."""
    return can_vote_on(user, post) and has_privilege(user, "vote_down")


def lacks_vote_down_privilege(user, post: Post) -> bool:
    """Whether only the vote_down privilege keeps `user` from down-voting `post`: the page
    then explains it where the button would be."""
    return can_vote_on(user, post) and not has_privilege(user, "vote_down")
