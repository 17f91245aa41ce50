"""Who may flag. Who moderates is decided in `forum.accounts.permissions`."""

from forum.accounts.permissions import can_moderate, can_post, is_moderator
from forum.accounts.reputation import has_privilege
from forum.posts.models import Post


def can_flag_posts(user) -> bool:
    """Members with the flag privilege (who may post at all)."""
    return can_post(user) and has_privilege(user, "flag")


def can_flag_post(user, post: Post) -> bool:
    """Members with the flag privilege, on visible posts of others."""
    return can_flag_posts(user) and post.author_id != user.pk and post.is_visible


def lacks_flag_privilege(user, post: Post) -> bool:
    """Whether only the flag privilege keeps `user` from flagging `post`: the page then
    explains it where the flag control would be."""
    return (
        can_post(user)
        and not has_privilege(user, "flag")
        and post.author_id != user.pk
        and post.is_visible
    )


def can_suspend_member(user, member) -> bool:
    """Moderators suspend (and reinstate) members; only superusers do it to moderators;
    nobody does it to a superuser or to themselves."""
    if not can_moderate(user) or member.pk == user.pk or member.is_superuser:
        return False
    return user.is_superuser or not is_moderator(member)


def can_warn_member(user, member) -> bool:
    """Moderators warn anyone but themselves."""
    return can_moderate(user) and member.pk != user.pk


def can_lift_login_limits(user, member) -> bool:
    """Moderators lift the log-in lock-outs and slowdown on anyone's username but their own."""
    return can_moderate(user) and member.pk != user.pk


def can_close_question(user, question: Post) -> bool:
    """Moderators close, reopen, lock and unlock questions (not answers or comments)."""
    return can_moderate(user) and question.rules.starts_thread


def can_appeal_post(user, post: Post) -> bool:
    """Authors appeal for their own held or hidden posts (the service refuses a second one)."""
    return user.is_authenticated and post.author_id == user.pk and not post.is_visible
