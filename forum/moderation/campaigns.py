"""Campaigns: held and hidden posts that are copies or spun variants of one text, found
through their shared near-duplicate keys, and one decision carried out on all of them.

The list and the preview of what an action will touch are read here; the action itself is a
background job (forum/moderation/jobs.py), a batch at a time, since a campaign can hold
thousands of posts.
"""

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404

from forum.posts.models import STOPPED, Post

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
