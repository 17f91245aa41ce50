"""An appealed post is one card in the queue, with its appeal on it, before the rest (issue 17)."""

import pytest
from django.urls import reverse

from forum.moderation import appeals, flags
from forum.posts.models import Post, Status
from tests.factories import make_comment, make_established_member

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")
WHY = "I only asked which river the brigades crossed."


def _cards(page: str) -> list[str]:
    """The queue's cards, in order, as their HTML."""
    return page.split('<article class="card mb-3 queue-item"')[1:]


@pytest.mark.parametrize("status", [Status.SPAM, Status.HELD, Status.HIDDEN])
def test_an_appealed_post_is_one_card_with_its_appeal_first(
    moderator_client, member, question, status
):
    make_comment(question, status=status)
    appealed = make_comment(question, author=member, status=status)
    make_comment(question, status=status)
    appeals.appeal_post(author=member, post=appealed, message=WHY)
    cards = _cards(moderator_client.get(QUEUE, {"tab": status}).text)
    assert len(cards) == 3
    assert [card.startswith(f' id="post-{appealed.pk}"') for card in cards] == [True, False, False]
    assert WHY in cards[0]
    assert "Keep as it is (deny appeal)" in cards[0]


def test_an_appealed_flagged_post_is_one_card_that_shows_its_flags(
    moderator_client, member, question
):
    appealed = make_comment(question, author=member)
    flags.flag_post(user=make_established_member(), post=appealed, reason="rude")
    # Held with its flag still open (as a spam filter's rescan would), then appealed.
    Post.objects.filter(pk=appealed.pk).update(status=Status.HELD)
    appeals.appeal_post(author=member, post=appealed, message=WHY)
    cards = _cards(moderator_client.get(QUEUE, {"tab": "flagged"}).text)
    assert len(cards) == 1
    assert WHY in cards[0] and "Flagged: Rude or abusive" in cards[0]


def test_a_decided_appeal_leaves_an_ordinary_card(moderator_client, member, question):
    appealed = make_comment(question, author=member, status=Status.SPAM)
    appeals.appeal_post(author=member, post=appealed, message=WHY)
    moderator_client.post(reverse("moderation:act"), {"act": f"deny {appealed.pk}@1"})
    cards = _cards(moderator_client.get(QUEUE, {"tab": "spam"}).text)
    assert len(cards) == 1
    assert WHY not in cards[0]
    assert 'name="items"' in cards[0]
