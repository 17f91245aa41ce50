"""Every write checks its permission again under the row lock it takes (issue 21): a
moderator's hide or a suspension that commits between the view's check and the write
refuses the write in words, and nothing is saved. The commit in between is staged by
running it just before the service takes its lock; tests/moderation/test_races.py races
them for real on PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.answers.services import accept_answer
from forum.comments.services import post_comment
from forum.moderation import appeals, flags, intake
from forum.moderation.intake import PostEditedSince, PostNoLongerAllowed, revise_post
from forum.posts import writes
from forum.posts.models import Kind, Post, Status
from forum.votes.models import Vote
from forum.votes.services import VoteRefused, cast_vote
from tests.factories import ANSWER_BODY, make_answer, make_established_member

pytestmark = pytest.mark.django_db

EDITED = ANSWER_BODY + " The brigades crossed at dawn."


@pytest.fixture
def meanwhile(monkeypatch):
    """`meanwhile(change)`: `change` commits just before the next post row is locked, as a
    moderator's decision landing between the view's check and the service's write would."""

    def arrange(change):
        # A post's row is locked by `writes.lock`, or by the intake reading the post a
        # reply goes under through the visibility rule (`lock_post_for`).
        originals = {writes: writes.lock, intake: intake.lock_post_for}

        def first(original):
            def lock(*args, **kwargs):
                monkeypatch.setattr(writes, "lock", originals[writes])
                monkeypatch.setattr(intake, "lock_post_for", originals[intake])
                change()
                return original(*args, **kwargs)

            return lock

        monkeypatch.setattr(writes, "lock", first(originals[writes]))
        monkeypatch.setattr(intake, "lock_post_for", first(originals[intake]))

    return arrange


def _hide(post):
    return lambda: Post.objects.filter(pk=post.pk).update(status=Status.HIDDEN)


def _suspend(member):
    return lambda: User.objects.filter(pk=member.pk).update(suspended_at=timezone.now())


def test_an_edit_sent_as_a_moderator_hides_the_post_is_refused_with_the_text_kept(
    member_client, member, question, meanwhile
):
    answer = make_answer(question, author=member)
    meanwhile(_hide(answer))
    response = member_client.post(reverse("answers:edit", args=[answer.pk]), {"body": EDITED})
    assert response.status_code == 403
    assert "a moderator took the post out of view" in response.text
    assert "The brigades crossed at dawn." in response.text  # the text typed, kept
    answer.refresh_from_db()
    assert answer.body == ANSWER_BODY and answer.revision == 1


def test_an_edit_sent_as_its_author_is_suspended_is_refused(member, question, meanwhile):
    answer = make_answer(question, author=member)
    meanwhile(_suspend(member))
    with pytest.raises(PostNoLongerAllowed, match="your account is suspended"):
        revise_post(editor=member, post=answer, body=EDITED)
    answer.refresh_from_db()
    assert answer.body == ANSWER_BODY


def test_an_edit_of_a_version_another_edit_replaced_meanwhile_is_a_conflict(
    member, question, meanwhile
):
    """The API's `revision`: checked on the locked row, so of two edits made on one version
    only the first lands."""
    answer = make_answer(question, author=member)
    meanwhile(lambda: Post.objects.filter(pk=answer.pk).update(revision=2))
    with pytest.raises(PostEditedSince, match="edited since revision 1"):
        revise_post(editor=member, post=answer, body=EDITED, seen_revision=1)
    answer.refresh_from_db()
    assert answer.body == ANSWER_BODY


def test_a_comment_under_a_post_hidden_meanwhile_is_refused(member, question, meanwhile):
    answer = make_answer(question)
    meanwhile(_hide(answer))
    with pytest.raises(PostNoLongerAllowed, match="hidden, closed or locked"):
        post_comment(author=member, parent=answer, body="Which river was it?")
    assert not Post.objects.filter(kind=Kind.COMMENT).exists()


def test_an_answer_to_a_question_hidden_meanwhile_is_refused_with_the_text_kept(
    member_client, question, meanwhile
):
    meanwhile(_hide(question))
    url = reverse("answers:create", args=[question.pk])
    response = member_client.post(url, {"body": ANSWER_BODY})
    assert "hidden, closed or locked" in response.text
    assert ANSWER_BODY[:40] in response.text
    assert not Post.objects.filter(kind=Kind.ANSWER).exists()


def test_an_answer_to_a_question_still_readable_is_saved_under_it(member_client, question):
    url = reverse("answers:create", args=[question.pk])
    assert member_client.post(url, {"body": ANSWER_BODY}).status_code == 302
    assert Post.objects.get(kind=Kind.ANSWER).thread == question


def test_a_vote_on_a_post_hidden_meanwhile_is_refused_in_words(member_client, question, meanwhile):
    answer = make_answer(question)
    meanwhile(_hide(answer))
    response = member_client.post(reverse("votes:vote", args=[answer.pk]), {"value": "up"})
    assert response.status_code == 400
    assert "Your vote was not recorded" in response.text
    assert not Vote.objects.exists()


def test_a_vote_from_an_account_suspended_meanwhile_is_refused(member, question, meanwhile):
    meanwhile(_suspend(member))
    with pytest.raises(VoteRefused):
        cast_vote(user=member, post=question, value=1)
    question.refresh_from_db()
    assert question.score == 0


def test_accepting_an_answer_hidden_meanwhile_is_refused_in_words(
    client, other_member, question, meanwhile
):
    answer = make_answer(question)
    client.force_login(other_member)  # the asker
    meanwhile(_hide(answer))
    response = client.post(reverse("answers:accept", args=[answer.pk]))
    assert response.status_code == 403
    assert "can no longer be accepted" in response.text
    question.refresh_from_db()
    assert question.accepted_answer_id is None


def test_accepting_as_the_asker_is_suspended_is_refused(other_member, question, meanwhile):
    answer = make_answer(question)
    meanwhile(_suspend(other_member))
    with pytest.raises(PostNoLongerAllowed):
        accept_answer(answer=answer, by=other_member)


def test_a_flag_on_a_post_hidden_meanwhile_is_refused(question, meanwhile):
    answer = make_answer(question)
    meanwhile(_hide(answer))
    with pytest.raises(flags.FlagRefused, match="taken out of view"):
        flags.flag_post(user=make_established_member(), post=answer, reason="spam")


def test_an_appeal_for_a_post_restored_meanwhile_is_refused(member, question, meanwhile):
    answer = make_answer(question, author=member, status=Status.HIDDEN)
    meanwhile(lambda: Post.objects.filter(pk=answer.pk).update(status=Status.VISIBLE))
    with pytest.raises(appeals.AppealRefused, match="nothing to appeal"):
        appeals.appeal_post(author=member, post=answer, message="Please look again.")
