import pytest

from forum.answers.services import accept_answer, post_answer
from forum.comments.services import post_comment
from forum.moderation.decisions import approve_post, hide_post
from forum.notifications.models import Notification
from forum.notifications.services import mark_read
from forum.posts.kinds import kinds_where
from forum.posts.models import Status
from tests.factories import ANSWER_BODY, make_answer, make_comment, make_user

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


def _notices(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_new_answer_tells_the_asker(member, question):
    post_answer(author=member, parent=question, body=ANSWER_BODY)
    assert _notices(question.author) == [Kind.ANSWER]


def test_a_comment_tells_the_author_of_the_post_it_is_under(member, question):
    answer = make_answer(question)
    post_comment(author=member, parent=answer, body="Which brigades crossed the river first?")
    assert _notices(answer.author) == [Kind.COMMENT]
    assert _notices(question.author) == []


def test_a_mention_tells_the_member_named_once(member, question):
    named = make_user("zhukov-fan")
    body = "@zhukov-fan which brigades crossed the river first? @zhukov-fan @nobody-here"
    post_comment(author=member, parent=question, body=body)
    assert _notices(named) == [Kind.MENTION]


def test_an_email_address_is_not_a_mention(member, question):
    named = make_user("example")
    post_comment(author=member, parent=question, body="Write to staff@example about the crossing.")
    assert _notices(named) == []


def test_replying_to_yourself_tells_nobody(question):
    post_comment(author=question.author, parent=question, body="Which river did they cross?")
    assert _notices(question.author) == []


def test_a_held_reply_tells_nobody_until_a_moderator_approves_it(moderator, member, question):
    answer = post_answer(author=member, parent=question, body="thanks!!")
    assert answer.status != Status.VISIBLE
    assert _notices(question.author) == []
    approve_post(moderator=moderator, post=answer)
    assert _notices(question.author) == [Kind.ANSWER]
    assert _notices(member) == [Kind.MODERATION]


def test_the_author_is_told_in_plain_words_when_a_moderator_hides_a_post(moderator, question):
    comment = make_comment(question)
    hide_post(moderator=moderator, post=comment, reason="Rude")
    notice = Notification.objects.get(recipient=comment.author)
    assert notice.message == "Your comment was hidden by a moderator: Rude"


def test_accepting_tells_the_answers_author_once(question):
    answer = make_answer(question)
    accept_answer(answer=answer, by=question.author)
    accept_answer(answer=answer, by=question.author)
    assert _notices(answer.author) == [Kind.ACCEPTED]


def test_mark_read_marks_one_or_all(member, question):
    for _ in range(2):
        post_answer(author=make_user(), parent=question, body=ANSWER_BODY)
    first = Notification.objects.filter(recipient=question.author).first()
    assert mark_read(user=question.author, notification_id=first.pk) == 1
    assert mark_read(user=question.author) == 1
    assert mark_read(user=member) == 0


@pytest.mark.parametrize("kind", kinds_where(notifies_parent=True))
def test_every_kind_that_tells_its_parents_author_has_a_notification_of_its_name(kind):
    assert kind in Notification.Kind.values, f"add {kind!r} to Notification.Kind"
