"""The moderation log's record of votes that earn no reputation (forum/votes/rings.py):
one entry per vote, on the post voted for, naming the voter and the link found."""

from django.dispatch import receiver

from forum.votes.rings import vote_discounted

from .models import AuditLogEntry


@receiver(vote_discounted, dispatch_uid="moderation.ring_audit")
def record_discounted_vote(sender, *, vote, reason: str, taken_back: bool, **kwargs) -> None:
    what = "its reputation taken back" if taken_back else "it earns no reputation"
    post = vote.post
    AuditLogEntry.about(
        post,
        actor=None,
        action=AuditLogEntry.Action.VOTE_DISCOUNTED,
        before=post.status,
        after=post.status,
        reason=f"Up-vote by {vote.user} ({reason}): {what}"[:1000],
    ).save()
