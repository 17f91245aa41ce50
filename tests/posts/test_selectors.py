"""The one visibility rule: who may read which post."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from forum.posts.models import Post, Status
from forum.posts.selectors import get_post_for, get_thread
from tests.factories import make_answer, make_comment

pytestmark = pytest.mark.django_db


def _visible_ids(user):
    return set(Post.objects.visible_to(user).values_list("pk", flat=True))


def test_readers_see_visible_posts_only(question, member):
    held = make_answer(question, status=Status.HELD)
    visible = make_answer(question)
    assert _visible_ids(AnonymousUser()) == {question.pk, visible.pk}
    assert held.pk not in _visible_ids(member)


def test_authors_see_their_own_posts_whatever_their_status(question, member, other_member):
    held = make_answer(question, author=member, status=Status.HELD)
    spam = make_answer(question, author=member, status=Status.SPAM)
    assert {held.pk, spam.pk} <= _visible_ids(member)
    assert not {held.pk, spam.pk} & _visible_ids(other_member)


def test_moderators_see_everything(question, moderator):
    hidden = make_answer(question, status=Status.HIDDEN)
    assert hidden.pk in _visible_ids(moderator)


def test_everything_under_a_hidden_question_is_hidden_with_it(question, member):
    answer = make_answer(question, author=member)
    comment = make_comment(answer, author=member)
    Post.objects.filter(pk=question.pk).update(status=Status.HIDDEN)
    assert not {question.pk, answer.pk, comment.pk} & _visible_ids(member)
    assert not {question.pk, answer.pk, comment.pk} & _visible_ids(AnonymousUser())


def test_comments_under_a_hidden_answer_are_hidden_with_it(question, member):
    answer = make_answer(question, status=Status.HIDDEN)
    comment = make_comment(answer, author=member)
    assert comment.pk not in _visible_ids(member)


def test_hidden_and_absent_posts_both_raise_404(question):
    hidden = make_answer(question, status=Status.HIDDEN)
    for post_id in (hidden.pk, 987654):
        with pytest.raises(Http404):
            get_post_for(AnonymousUser(), post_id)


def test_a_post_of_another_kind_is_404(question):
    with pytest.raises(Http404):
        get_post_for(AnonymousUser(), question.pk, kind="answer")


def test_thread_lists_accepted_answer_first_then_by_score(question):
    low = make_answer(question, score=1)
    high = make_answer(question, score=5)
    accepted = make_answer(question, score=0)
    Post.objects.filter(pk=question.pk).update(accepted_answer=accepted)
    question.refresh_from_db()
    thread = get_thread(AnonymousUser(), question)
    assert [answer.pk for answer in thread.answers] == [accepted.pk, high.pk, low.pk]


def test_thread_groups_comments_under_their_parent(question):
    answer = make_answer(question)
    on_question = make_comment(question)
    on_answer = make_comment(answer)
    thread = get_thread(AnonymousUser(), question)
    assert [comment.pk for comment in thread.comments] == [on_question.pk]
    assert [comment.pk for comment in thread.answers[0].thread_comments] == [on_answer.pk]
