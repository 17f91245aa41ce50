"""What becomes of a post the spam check screened: the one place a verdict, the author's
record and the campaign check turn into an outcome.

The filter labels text (`ok`, `low_value`, `spam`); the forum decides what readers see:

- **publish**: visible;
- **fold**: visible, collapsed with the other thanks and +1 under its post into one line
  readers open without JavaScript (`Post.is_chatter`);
- **hold**: waits for a moderator, shown only to its author and moderators;
- **hide**: hidden as spam.

Chatter from a member with a record is folded, never held: that it is generic, off-topic or
worded like low-value replies is no reason to keep a known member waiting. Any sign of abuse
(contact requests, links, promotion, duplicates, like-bait, a bad record) still holds it, and
so do a spam campaign and a watched pattern (checked by the intake after this).
"""

from enum import StrEnum

from forum.posts.models import Status


class Outcome(StrEnum):
    PUBLISH = "publish"
    FOLD = "fold"
    HOLD = "hold"
    HIDE = "hide"

    @property
    def status(self) -> str:
        """The post status that carries the outcome (a fold is a visible chatter post)."""
        return _STATUS[self]

    @property
    def is_visible(self) -> bool:
        return self.status == Status.VISIBLE


_STATUS = {
    Outcome.PUBLISH: Status.VISIBLE,
    Outcome.FOLD: Status.VISIBLE,
    Outcome.HOLD: Status.HELD,
    Outcome.HIDE: Status.SPAM,
}


def decide_outcome(
    *, label: str, chatter: bool, excused: bool, joins_campaign: bool = False
) -> Outcome:
    """The outcome for a screened post.

    `label` is the filter's; `chatter` says the post reads as thanks or +1; `excused` that it
    is mere chatter (no sign of abuse) from a member with a record; `joins_campaign` that it
    copies posts moderators removed as spam.
    """
    if label == "spam":
        return Outcome.HIDE
    if label != "ok" and not excused:
        return Outcome.HOLD
    if joins_campaign:
        return Outcome.HOLD
    return Outcome.FOLD if chatter else Outcome.PUBLISH
