"""Campaigns: held and hidden posts that are copies or spun variants of one text, found
through their shared near-duplicate keys, and one decision carried out on all of them.

Its reads and its one write share this module: it is one feature, used from one page (the
list, the preview of what an action will touch, the action).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.http import Http404

from forum.accounts.models import User
from forum.posts.models import STOPPED, Post

from .decisions import DECISIONS, ActionRefused, decide
from .models import Fingerprint

# Posts sharing near-duplicate keys, at least this many, make a campaign.
CAMPAIGN_MIN_SIZE = 3


@dataclass
class Campaign:
    """Held or hidden posts that are copies or spun variants of one template."""

    posts: list[Post]

    @property
    def id(self) -> int:
        return min(post.pk for post in self.posts)

    @property
    def accounts(self) -> set:
        return {post.author for post in self.posts}

    @property
    def threads(self) -> set[int]:
        return {post.thread_id or post.pk for post in self.posts}

    @property
    def first_seen(self) -> datetime:
        return min(post.created_at for post in self.posts)

    @property
    def last_seen(self) -> datetime:
        return max(post.created_at for post in self.posts)


def list_campaigns() -> list[Campaign]:
    """Every campaign among the held or hidden posts no moderator has decided on, largest
    first.

    Posts are linked when they share a near-duplicate key (MinHash bands, exact copies);
    spun variants that share no key with each other still join through the variants between
    them. Three queries whatever the number of posts: keys, then the posts of the campaigns.
    """
    parent: dict[int, int] = {}

    def root(post_id: int) -> int:
        while parent.setdefault(post_id, post_id) != post_id:
            parent[post_id] = parent[parent[post_id]]  # halve the path as we go
            post_id = parent[post_id]
        return post_id

    first_with_key: dict[str, int] = {}
    undecided = {"status__in": STOPPED, "moderated_at__isnull": True}
    for post_id, key in Fingerprint.objects.filter(
        **{f"post__{name}": value for name, value in undecided.items()}
    ).values_list("post_id", "key"):
        if key in first_with_key:
            parent[root(post_id)] = root(first_with_key[key])
        else:
            first_with_key[key] = post_id
            root(post_id)
    groups: dict[int, list[int]] = {}
    for post_id in parent:
        groups.setdefault(root(post_id), []).append(post_id)
    members = [ids for ids in groups.values() if len(ids) >= CAMPAIGN_MIN_SIZE]
    posts = Post.objects.filter(pk__in=[pk for ids in members for pk in ids], **undecided)
    by_id = {post.pk: post for post in posts.select_related("author", "thread")}
    campaigns = [Campaign([by_id[pk] for pk in sorted(ids) if pk in by_id]) for ids in members]
    campaigns = [campaign for campaign in campaigns if len(campaign.posts) >= CAMPAIGN_MIN_SIZE]
    return sorted(campaigns, key=lambda campaign: -len(campaign.posts))


def get_campaign(campaign_id: int) -> Campaign:
    for campaign in list_campaigns():
        if campaign.id == campaign_id:
            return campaign
    raise Http404("No such campaign (it may have been handled already).")


CAMPAIGN_BATCH = 200


def act_on_campaign(
    *, moderator: User, campaign_id: int, decision: str, post_ids: list[int]
) -> tuple[int, int]:
    """Carry out one decision on every listed post of campaign `campaign_id`; return how
    many changed, and how many listed ids were ignored as not the campaign's.

    Only the campaign's own posts, as it stands now, are acted on: ids of other posts sent
    with it (a tampered form, a page open while the campaign changed) are ignored, so the
    action reaches no post the moderator did not see in the preview. One transaction per
    batch, so thousands of posts neither hold locks for long nor fail as a whole at the
    end; every post gets its own audit entry as any decision does. Posts that are gone or
    already published are skipped.
    """
    if decision not in DECISIONS:
        raise ActionRefused("Unknown decision.")
    campaign = {post.pk for post in get_campaign(campaign_id).posts}
    listed = set(post_ids)
    ids = sorted(listed & campaign)
    done = 0
    for start in range(0, len(ids), CAMPAIGN_BATCH):
        with transaction.atomic():
            for post in Post.objects.filter(
                pk__in=ids[start : start + CAMPAIGN_BATCH], status__in=STOPPED
            ):
                decide(decision, moderator=moderator, post=post, reason="Campaign")
                done += 1
    return done, len(listed - campaign)
