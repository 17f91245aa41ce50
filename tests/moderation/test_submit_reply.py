"""The single entry point every new reply passes: what the filter decides and what follows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum.answers.services import post_answer
from forum.comments.services import post_comment
from forum.core.models import PostStatus
from forum.moderation.models import AuditLogEntry
from forum.moderation.services import ReplyRefused
from tests.factories import ANSWER_BODY, make_user

pytestmark = pytest.mark.django_db

SPINNER = "I apologise, but in my opinion you are mistaken. Write to me in PM, we will talk."
CHATTER = "thanks!!"


def test_relevant_answer_is_published_and_counted(member, question):
    answer = post_answer(author=member, question=question, body=ANSWER_BODY)
    assert answer.status == PostStatus.VISIBLE
    question.refresh_from_db()
    assert question.answer_count == 1


def test_spinner_comment_is_hidden_from_readers_with_a_reason(member, question, client):
    comment = post_comment(author=member, question=question, body=SPINNER)
    assert comment.status in (PostStatus.SPAM, PostStatus.HELD)
    assert comment.status_reason.startswith("Spam filter")
    assert SPINNER not in client.get(question.get_absolute_url()).text


def test_held_reply_is_logged_as_the_filters_decision(member, question):
    comment = post_comment(author=member, question=question, body=CHATTER)
    entry = AuditLogEntry.objects.get(object_id=comment.pk)
    assert entry.actor is None
    assert entry.action == AuditLogEntry.Action.FILTERED
    assert entry.status_after == comment.status


def test_held_answer_does_not_bump_the_thread_or_its_count(member, question):
    before = question.last_activity_at
    post_answer(author=member, question=question, body=SPINNER)
    question.refresh_from_db()
    assert question.answer_count == 0
    assert question.last_activity_at == before


def test_held_reply_is_shown_to_its_author_marked(member_client, member, question):
    post_comment(author=member, question=question, body=CHATTER)
    text = member_client.get(question.get_absolute_url()).text
    assert CHATTER in text
    assert "Held for review" in text or "Hidden as spam" in text


def test_moderators_replies_are_never_held(moderator, question):
    comment = post_comment(author=moderator, question=question, body=CHATTER)
    assert comment.status == PostStatus.VISIBLE
    assert comment.spam_score is not None


def test_short_specific_reply_stays_visible(member, question):
    comment = post_comment(
        author=member,
        question=question,
        body="Source? The purges memoirs say the river fell later.",
    )
    assert comment.status == PostStatus.VISIBLE


def test_template_spam_repeated_across_threads_is_caught(question):
    from tests.factories import make_question

    text = "Very useful information, look at my profile for more about this, it helped me."
    spammer = make_user(date_joined=timezone.now() - timedelta(days=400))
    statuses = [
        post_comment(author=spammer, question=make_question(), body=text).status for _ in range(4)
    ]
    assert statuses[-1] != PostStatus.VISIBLE


def test_new_account_over_the_hourly_limit_is_refused(settings, question):
    settings.FORUM_NEW_ACCOUNT_REPLIES_PER_HOUR = 2
    newcomer = make_user()
    for _ in range(2):
        post_answer(author=newcomer, question=question, body=ANSWER_BODY)
    with pytest.raises(ReplyRefused, match="limit"):
        post_answer(author=newcomer, question=question, body=ANSWER_BODY)
    assert question.answers.count() == 2


def test_rate_limited_answer_view_keeps_the_text_and_explains(settings, member_client, question):
    settings.FORUM_NEW_ACCOUNT_REPLIES_PER_HOUR = 0
    response = member_client.post(f"/questions/{question.pk}/answer/", {"body": ANSWER_BODY})
    assert response.status_code == 429
    assert "limit" in response.text
    assert ANSWER_BODY in response.text


def test_editing_a_published_answer_into_spam_takes_it_out_of_view(member, question, client):
    from forum.answers.services import edit_answer

    answer = post_answer(author=member, question=question, body=ANSWER_BODY)
    edit_answer(editor=member, answer=answer, body=SPINNER)
    answer.refresh_from_db()
    assert answer.status != PostStatus.VISIBLE
    assert SPINNER not in client.get(question.get_absolute_url()).text
    question.refresh_from_db()
    assert question.answer_count == 0


def test_editing_a_held_reply_does_not_publish_it(member, question):
    from forum.comments.services import edit_comment

    comment = post_comment(author=member, question=question, body=CHATTER)
    edit_comment(
        editor=member, comment=comment, body="Which river did the armoured brigades cross?"
    )
    comment.refresh_from_db()
    assert comment.status != PostStatus.VISIBLE
