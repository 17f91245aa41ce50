"""The viewer's marks on a thread page come with its posts, in the page's one query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.moderation.appeals import answer_appeal, appeal_post
from forum.moderation.flags import flag_post
from forum.notifications.models import Notification
from forum.posts.models import Status
from forum.questions.selectors import Marks, get_thread_page_and_marks
from forum.votes.models import Vote
from tests.factories import make_answer, make_comment, make_moderator, make_user

pytestmark = pytest.mark.django_db

WHY = "This is a real answer: it names the brigades that crossed."


def test_a_member_reads_their_up_and_down_votes_on_the_page(member, question):
    answer, comment = make_answer(question), make_comment(question)
    Vote.objects.create(user=member, post=answer, value=1)
    Vote.objects.create(user=member, post=comment, value=-1)
    Vote.objects.create(user=make_user(), post=question, value=1)  # someone else's
    _, marks = get_thread_page_and_marks(member, question.pk)
    assert marks.votes == {answer.pk: 1, comment.pk: -1}


def test_a_member_reads_which_posts_they_flagged(member, question):
    flagged, other = make_answer(question), make_answer(question)
    flag_post(user=member, post=flagged, reason="rude")
    flag_post(user=make_user(), post=other, reason="rude")
    _, marks = get_thread_page_and_marks(member, question.pk)
    assert marks.flagged == {flagged.pk}


def test_a_member_reads_their_appeals_open_and_decided(member, moderator, question):
    open_ = make_answer(question, author=member, status=Status.SPAM)
    granted = make_answer(question, author=member, status=Status.HELD)
    refused = make_comment(question, author=member, status=Status.HIDDEN)
    for post in (open_, granted, refused):
        appeal_post(author=member, post=post, message=WHY)
    answer_appeal(granted, moderator=moderator, granted=True)
    answer_appeal(refused, moderator=moderator, granted=False)
    _, marks = get_thread_page_and_marks(member, question.pk)
    decided = {pk: (a.decided_at is not None, a.granted) for pk, a in marks.appeals.items()}
    assert decided == {open_.pk: (False, None), granted.pk: (True, True), refused.pk: (True, False)}


def test_a_moderator_is_not_given_another_members_appeal(member, question):
    post = make_answer(question, author=member, status=Status.SPAM)
    appeal_post(author=member, post=post, message=WHY)
    thread, marks = get_thread_page_and_marks(make_moderator(), question.pk)
    assert post in thread.answers  # they read the post, not the member's appeal
    assert marks.appeals == {}


def test_a_moderator_reads_their_own_votes(question):
    moderator = make_moderator()
    Vote.objects.create(user=moderator, post=question, value=1)
    _, marks = get_thread_page_and_marks(moderator, question.pk)
    assert marks.votes == {question.pk: 1}


def test_a_member_reads_their_unread_count_only(member, question):
    for kind in (Notification.Kind.ANSWER, Notification.Kind.MENTION):
        Notification.objects.create(recipient=member, kind=kind, post=question)
    Notification.objects.create(recipient=member, kind="comment", read_at=question.created_at)
    Notification.objects.create(recipient=make_user(), kind="answer", post=question)
    _, marks = get_thread_page_and_marks(member, question.pk)
    assert marks.unread == 2


def test_a_member_with_nothing_done_reads_empty_marks(member, question):
    make_answer(question)
    _, marks = get_thread_page_and_marks(member, question.pk)
    assert marks == Marks()


def test_members_sharing_the_compiled_query_read_their_own_marks(question):
    # The query compiles once for every member (forum/core/prepared.py): the viewer's id in
    # the marks' columns must be swapped as the visibility rule's is.
    answer = make_answer(question)
    voter, flagger = make_user(), make_user()
    Vote.objects.create(user=voter, post=answer, value=1)
    flag_post(user=flagger, post=answer, reason="rude")
    Notification.objects.create(recipient=flagger, kind="answer", post=question)
    _, voters = get_thread_page_and_marks(voter, question.pk)
    _, flaggers = get_thread_page_and_marks(flagger, question.pk)
    assert voters == Marks(votes={answer.pk: 1})
    assert flaggers == Marks(flagged={answer.pk}, unread=1)


def test_a_members_page_and_marks_are_one_query(member, question, django_assert_num_queries):
    make_comment(make_answer(question, author=member))
    with django_assert_num_queries(1):
        get_thread_page_and_marks(member, question.pk)


def test_an_anonymous_readers_query_reads_no_marks(question):
    make_answer(question)
    with CaptureQueriesContext(connection) as queries:
        _, marks = get_thread_page_and_marks(AnonymousUser(), question.pk)
    assert marks == Marks()
    [query] = queries.captured_queries
    for table in ("votes_vote", "moderation_flag", "moderation_appeal", "notifications"):
        assert table not in query["sql"]
