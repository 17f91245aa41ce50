"""Who may vote, and where the page explains a missing down-vote instead of showing it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from forum.votes.permissions import can_vote_down, lacks_vote_down_privilege
from tests.factories import make_established_member, make_moderator, make_user

pytestmark = pytest.mark.django_db


def test_a_member_short_of_the_privilege_lacks_only_it(question):
    newcomer = make_user(reputation=1)
    assert can_vote_down(newcomer, question) is False
    assert lacks_vote_down_privilege(newcomer, question) is True


@pytest.mark.parametrize(
    "who", ["established member", "moderator", "the author", "a visitor", "suspended member"]
)
def test_nothing_is_explained_to_whoever_can_vote_down_or_could_not_anyway(question, who):
    user = {
        "established member": lambda: make_established_member(),
        "moderator": lambda: make_moderator(),
        "the author": lambda: question.author,
        "a visitor": AnonymousUser,
        "suspended member": lambda: make_user(suspended_at=timezone.now()),
    }[who]()
    assert lacks_vote_down_privilege(user, question) is False
