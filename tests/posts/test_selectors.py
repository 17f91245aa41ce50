"""The one visibility rule: who may read which post."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from forum.posts.models import Post, Status
from forum.posts.selectors import COMMENTS_SHOWN, get_post_for, get_thread, get_thread_page
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
    assert [comment.pk for comment in thread.question.shown_comments] == [on_question.pk]
    assert [comment.pk for comment in thread.answers.object_list[0].shown_comments] == [
        on_answer.pk
    ]


def test_thread_pages_its_answers_and_says_whether_more_follow(question):
    answers = [make_answer(question, score=score) for score in (3, 2, 1)]
    first = get_thread(AnonymousUser(), question, page=1, per_page=2)
    second = get_thread(AnonymousUser(), question, page=2, per_page=2)
    assert [answer.pk for answer in first.answers] == [answers[0].pk, answers[1].pk]
    assert first.answers.has_next is True
    assert [answer.pk for answer in second.answers] == [answers[2].pk]
    assert second.answers.has_next is False


def test_thread_folds_long_comment_lists_unless_asked_to_unfold(question):
    comments = [make_comment(question, body=f"Remark {n}") for n in range(COMMENTS_SHOWN + 2)]
    folded = get_thread(AnonymousUser(), question).question
    assert [c.pk for c in folded.shown_comments] == [c.pk for c in comments[:COMMENTS_SHOWN]]
    assert folded.folded_comments == 2
    unfolded = get_thread(AnonymousUser(), question, unfold=question.pk).question
    assert len(unfolded.shown_comments) == COMMENTS_SHOWN + 2
    assert unfolded.folded_comments == 0


def _shape(thread):
    """What a thread page shows: each post with the comments shown under it, and the folds."""
    posts = (thread.question, *thread.answers)
    return (
        [(p.pk, [c.pk for c in p.shown_comments], p.folded_comments) for p in posts],
        thread.answers.has_next,
    )


@pytest.mark.parametrize("viewer", ["reader", "author", "moderator"])
def test_thread_page_in_one_query_reads_what_get_post_for_and_get_thread_read(
    question, member, moderator, viewer, django_assert_num_queries
):
    user = {"reader": AnonymousUser(), "author": member, "moderator": moderator}[viewer]
    accepted = make_answer(question, score=0)
    answers = [make_answer(question, score=score) for score in (4, 4, 1)]
    held = make_answer(question, author=member, status=Status.HELD, score=9)
    hidden = make_answer(question, status=Status.HIDDEN, score=7)
    for post in (question, accepted, held, hidden, answers[0]):
        make_comment(post)
    make_comment(answers[0], author=member, status=Status.HELD)
    make_comment(answers[0], status=Status.SPAM)
    for n in range(COMMENTS_SHOWN + 1):
        make_comment(answers[1], body=f"Remark {n}")
    Post.objects.filter(pk=question.pk).update(accepted_answer=accepted)
    question = get_post_for(user, question.pk, kind="question")
    for page in (1, 2):
        expected = get_thread(user, question, page=page, per_page=3)
        with django_assert_num_queries(1):
            thread = get_thread_page(user, question.pk, page=page, per_page=3)
        assert _shape(thread) == _shape(expected)


def test_thread_page_of_a_question_the_viewer_may_not_read_is_404(question, member):
    answer = make_answer(question)
    Post.objects.filter(pk=question.pk).update(status=Status.HIDDEN)
    for post_id in (question.pk, answer.pk, 987654):
        with pytest.raises(Http404):
            get_thread_page(AnonymousUser(), post_id)
    with pytest.raises(Http404):
        get_thread_page(member, question.pk)
