import pytest

from forum.votes.models import Vote
from forum.votes.services import VoteRefused, cast_vote
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


def test_upvote_raises_score_by_one(member, question):
    assert cast_vote(user=member, post=question, value=1) == 1


def test_second_identical_vote_is_refused_and_changes_nothing(member, question):
    cast_vote(user=member, post=question, value=1)
    with pytest.raises(VoteRefused, match="already"):
        cast_vote(user=member, post=question, value=1)
    question.refresh_from_db()
    assert question.score == 1
    assert Vote.objects.count() == 1


def test_switching_from_up_to_down_moves_score_by_two(member, question):
    cast_vote(user=member, post=question, value=1)
    assert cast_vote(user=member, post=question, value=-1) == -1


def test_retracting_a_vote_restores_the_score(member, question):
    answer = make_answer(question)
    cast_vote(user=member, post=answer, value=-1)
    assert cast_vote(user=member, post=answer, value=None) == 0
    assert not Vote.objects.exists()


def test_retracting_without_a_vote_is_refused(member, question):
    with pytest.raises(VoteRefused):
        cast_vote(user=member, post=question, value=None)


def test_votes_from_different_members_add_up(member, other_member, question):
    answer = make_answer(question)
    cast_vote(user=member, post=answer, value=1)
    assert cast_vote(user=other_member, post=answer, value=1) == 2
