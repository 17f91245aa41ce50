"""What one viewer may do on a thread page, decided once per request.

The thread page used to ask the permission functions in its templates, post by post: about
thirty checks of moderator rights on a member's page. Every one of those rules combines a few
facts about the viewer (may they post, do they moderate, have they the down-vote or flag
privilege) with facts about the post in hand. `Rights` reads the viewer's facts once and
applies the same rules to each post in plain Python; the rules themselves stay in the apps'
permissions modules, and tests/questions/test_rights.py checks every method against them.
"""

from dataclasses import dataclass

from forum.accounts.permissions import can_moderate, can_post
from forum.accounts.reputation import has_privilege
from forum.posts.models import Post, Status


@dataclass(frozen=True)
class Rights:
    pk: int | None  # the viewer's id, None for anonymous readers
    authenticated: bool
    posts: bool  # may post at all (forum.accounts.permissions.can_post)
    moderates: bool  # can_moderate: a moderator who is not suspended
    votes_down: bool  # has the vote_down privilege
    flags: bool  # has the flag privilege

    @classmethod
    def of(cls, user) -> "Rights":
        posts = can_post(user)
        return cls(
            pk=user.pk if user.is_authenticated else None,
            authenticated=bool(user.is_authenticated),
            posts=posts,
            moderates=can_moderate(user),
            votes_down=has_privilege(user, "vote_down"),
            flags=has_privilege(user, "flag"),
        )

    def _owns(self, post: Post) -> bool:
        return self.pk is not None and post.author_id == self.pk

    # forum.posts.permissions.can_edit_post
    def can_edit(self, post: Post) -> bool:
        if self.moderates:
            return True
        return (
            self.posts
            and self._owns(post)
            and post.status in (Status.VISIBLE, Status.HELD)
            and not (post.thread or post).is_locked
        )

    # forum.votes.permissions
    def can_vote(self, post: Post) -> bool:
        return (
            self.posts
            and post.rules.votable
            and post.is_visible
            and not self._owns(post)
            and not (post.thread or post).is_locked
        )

    def can_vote_down(self, post: Post) -> bool:
        return self.votes_down and self.can_vote(post)

    def lacks_vote_down(self, post: Post) -> bool:
        return not self.votes_down and self.can_vote(post)

    # forum.comments.permissions.can_comment_on
    def can_comment(self, post: Post) -> bool:
        return (
            self.posts
            and post.rules.commentable
            and post.is_visible
            and (not (post.thread or post).is_locked or self.moderates)
        )

    # forum.moderation.permissions
    def can_flag(self, post: Post) -> bool:
        return self.posts and self.flags and not self._owns(post) and post.is_visible

    def lacks_flag(self, post: Post) -> bool:
        return self.posts and not self.flags and not self._owns(post) and post.is_visible

    def can_appeal(self, post: Post) -> bool:
        return self._owns(post) and not post.is_visible

    # forum.answers.permissions.can_accept_answer
    def can_accept(self, answer: Post) -> bool:
        question = answer.thread
        return (
            self.posts
            and answer.rules.acceptable
            and self.pk is not None
            and question.author_id == self.pk
            and answer.is_visible
            and question.is_visible
            and not question.is_locked
        )
