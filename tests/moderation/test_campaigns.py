"""A spam wave of spun variants shows as one campaign and is cleared in one action."""

import random
import re

import pytest
from django.urls import reverse

from forum.moderation.campaigns import list_campaigns
from forum.moderation.intake import submit_post
from forum.moderation.models import AuditLogEntry
from forum.moderation.spam import record_fingerprints
from forum.posts.models import Kind, Post, Status
from tests.factories import make_comment, make_question, make_user

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "{Great|Nice|Awesome|Cool} {post|thread|article}! {I found|We found|I got} "
    "{cheap|discount|low-cost} {watches|replica watches|luxury watches} at "
    "{bestwatch.example|watchdeals.example}, {check it out|have a look|take a look} "
    "{today|now|this week}."
)


def spin(template: str, rng: random.Random) -> str:
    return re.sub(r"\{([^}]*)\}", lambda m: rng.choice(m.group(1).split("|")), template)


@pytest.fixture
def wave(db):
    """200 spun variants across 20 threads from 10 accounts, held by the filter."""
    rng = random.Random(7)
    threads = [make_question() for _ in range(20)]
    accounts = [make_user() for _ in range(10)]
    posts = []
    for number in range(200):
        post = make_comment(
            threads[number % 20],
            author=accounts[number % 10],
            body=spin(TEMPLATE, rng),
            status=Status.HELD,
        )
        record_fingerprints(post)
        posts.append(post)
    return posts


def test_spun_variants_across_threads_and_accounts_are_one_campaign(wave):
    campaigns = list_campaigns()
    assert len(campaigns) == 1
    campaign = campaigns[0]
    assert len(campaign.posts) == 200
    assert (len(campaign.accounts), len(campaign.threads)) == (10, 20)


def test_honest_held_posts_are_not_swept_into_a_campaign(wave, question):
    honest = make_comment(
        question, body="Which brigade crossed the river first?", status=Status.HELD
    )
    record_fingerprints(honest)
    assert honest not in list_campaigns()[0].posts


def test_the_preview_lists_every_post_and_one_action_clears_them(
    moderator_client, wave, django_capture_on_commit_callbacks
):
    campaign = list_campaigns()[0]
    preview = moderator_client.get(reverse("moderation:campaign", args=[campaign.id])).text
    assert preview.count('class="mb-2 campaign-post"') == 200
    with django_capture_on_commit_callbacks(execute=True):  # the job, eagerly (no broker)
        moderator_client.post(
            reverse("moderation:act_on_campaign", args=[campaign.id]),
            {"decision": "reject", "items": [str(post.pk) for post in wave]},
        )
    page = moderator_client.get(reverse("moderation:queue"), {"tab": "campaigns"}).text
    assert "200 of 200 posts" in page and "(200 changed)" in page
    assert not Post.objects.exclude(status=Status.SPAM).filter(kind=Kind.COMMENT).exists()
    assert AuditLogEntry.objects.filter(action=AuditLogEntry.Action.REJECTED).count() == 200
    assert list_campaigns() == []


def test_a_new_variant_joining_a_removed_campaign_is_held_at_once(
    moderator_client, wave, django_capture_on_commit_callbacks
):
    campaign = list_campaigns()[0]
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            reverse("moderation:act_on_campaign", args=[campaign.id]),
            {"decision": "reject", "items": [str(post.pk) for post in campaign.posts]},
        )
    veteran = make_user()  # an account with no record, so only the campaign can hold it
    newcomer = submit_post(
        author=veteran,
        kind=Kind.COMMENT,
        parent=make_question(),
        body=spin(TEMPLATE, random.Random(99)),
    )
    assert newcomer.status != Status.VISIBLE


def test_the_campaigns_tab_shows_each_campaign_once(moderator_client, wave):
    page = moderator_client.get(reverse("moderation:queue"), {"tab": "campaigns"}).text
    assert page.count('class="card mb-3 campaign"') == 1
    assert "200 posts" in page
    assert "10 accounts" in page


def test_a_campaign_action_leaves_posts_outside_the_campaign_alone(
    moderator_client, wave, django_capture_on_commit_callbacks
):
    """Ids of other held posts sent with a campaign's action (a tampered form) are ignored."""
    honest = make_comment(
        make_question(), body="Which river was it, the Khalkhin?", status=Status.HELD
    )
    campaign = list_campaigns()[0]
    with django_capture_on_commit_callbacks(execute=True):  # the job, eagerly (no broker)
        response = moderator_client.post(
            reverse("moderation:act_on_campaign", args=[campaign.id]),
            {"decision": "reject", "items": f"{wave[0].pk},{honest.pk}"},
            follow=True,
        )
    assert "Reject all as spam: 1 posts" in response.text
    assert "1 other posts sent with it are not in this campaign: left alone" in response.text
    honest.refresh_from_db()
    assert honest.status == Status.HELD
    assert not AuditLogEntry.objects.filter(post=honest).exists()
    wave[0].refresh_from_db()
    assert wave[0].status == Status.SPAM
