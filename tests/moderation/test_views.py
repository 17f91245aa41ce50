"""The queue, acting on it and the audit log, through the pages."""

import pytest
from django.urls import reverse

from forum.accounts.models import User
from forum.moderation.models import AuditLogEntry, TrainingExample
from forum.posts.models import Status
from tests.factories import make_answer, make_comment

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")
ACT = reverse("moderation:act")


def test_queue_lists_held_replies_with_score_and_reasons(moderator_client, question):
    comment = make_comment(
        question,
        body="Held remark text",
        status=Status.HELD,
        spam_score=0.73,
        spam_reasons=[
            {"code": "off_topic", "message": "Shares nothing with the thread", "weight": 1}
        ],
    )
    text = moderator_client.get(QUEUE).text
    assert comment.body in text
    assert "0.73" in text
    assert "Shares nothing with the thread" in text
    assert question.title in text


@pytest.mark.parametrize("url", [QUEUE, reverse("moderation:log")])
def test_non_moderators_get_403(member_client, url):
    assert member_client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_non_moderator_cannot_act(member_client, question):
    comment = make_comment(question, status=Status.HELD)
    response = member_client.post(ACT, {"act": f"approve {comment.pk}"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.HELD


def test_one_click_approve_makes_the_reply_visible_to_readers(moderator_client, client, question):
    comment = make_comment(question, body="A reply the filter held", status=Status.HELD)
    response = moderator_client.post(ACT, {"act": f"approve {comment.pk}", "tab": "held"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE
    client.logout()
    assert "A reply the filter held" in client.get(question.get_absolute_url()).text


def test_reject_hides_trains_and_shows_in_the_audit_log(moderator_client, moderator, question):
    answer = make_answer(question, body="Buy cheap watches at example dot com")
    moderator_client.post(ACT, {"act": f"reject {answer.pk}"})
    answer.refresh_from_db()
    assert answer.status == Status.SPAM
    assert TrainingExample.objects.get().is_spam is True
    log = moderator_client.get(reverse("moderation:log")).text
    assert "Rejected as spam" in log
    assert "“visible” → “hidden as spam”" in log
    assert moderator.username in log


def test_bulk_action_applies_to_every_selected_post(moderator_client, question):
    held = [make_comment(question, status=Status.HELD) for _ in range(3)]
    untouched = make_comment(question, status=Status.HELD)
    moderator_client.post(ACT, {"bulk": "reject", "items": [str(comment.pk) for comment in held]})
    for comment in held:
        comment.refresh_from_db()
        assert comment.status == Status.SPAM
    untouched.refresh_from_db()
    assert untouched.status == Status.HELD
    assert AuditLogEntry.objects.count() == 3


def test_hide_then_restore_through_the_queue(moderator_client, question):
    answer = make_answer(question)
    moderator_client.post(ACT, {"act": f"hide {answer.pk}", "reason": "Off-topic rant"})
    answer.refresh_from_db()
    assert (answer.status, answer.status_reason) == (Status.HIDDEN, "Off-topic rant")
    assert answer.body in moderator_client.get(QUEUE, {"tab": "hidden"}).text
    moderator_client.post(ACT, {"act": f"restore {answer.pk}"})
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"act": "explode 1"},
        {"act": "approve"},
        {"act": "approve 1 2"},
        {"act": "approve ²"},
        {"bulk": "approve"},
        {"bulk": "approve", "items": ["abc"]},
        {"bulk": "approve", "items": ["1@x"]},
    ],
)
def test_malformed_actions_are_refused_with_a_message_not_a_500(moderator_client, question, data):
    response = moderator_client.post(ACT, data, follow=True)
    assert response.status_code == 200
    assert "alert-danger" in response.text


def test_bulk_action_with_a_missing_post_changes_nothing_and_says_so(moderator_client, question):
    held = make_comment(question, status=Status.HELD)
    response = moderator_client.post(
        ACT, {"bulk": "approve", "items": [str(held.pk), "99999"]}, follow=True
    )
    assert "Nothing was changed" in response.text
    held.refresh_from_db()
    assert held.status == Status.HELD
    assert not AuditLogEntry.objects.exists()


def test_superuser_is_a_moderator_everywhere(client, db):

    admin = User.objects.create_superuser("root", "root@example.org", "pw-for-tests-only")
    client.force_login(admin)
    assert client.get(QUEUE).status_code == 200


def test_approving_a_version_the_moderator_did_not_see_is_refused(
    moderator_client, member, question
):
    from forum.moderation.intake import revise_post

    comment = make_comment(question, author=member, body="thanks!!", status=Status.HELD)
    seen = comment.revision
    revise_post(editor=member, post=comment, body="Buy cheap watches at example dot com")
    response = moderator_client.post(
        ACT, {"act": f"approve {comment.pk}@{seen}", "tab": "held"}, follow=True
    )
    assert "edited after you loaded it" in response.text
    comment.refresh_from_db()
    assert comment.status != Status.VISIBLE
    assert not TrainingExample.objects.exists()
    queue = moderator_client.get(QUEUE, {"tab": comment.status}).text
    assert "Buy cheap watches at example dot com" in queue
    assert f'value="approve {comment.pk}@{comment.revision}"' in queue


def test_enter_in_the_reason_box_publishes_nothing(moderator_client, question):
    """Pressing Enter submits the form through its first button, which is disabled, so a
    browser sends nothing. Should a client submit with no button at all, the server refuses
    and changes nothing."""
    comment = make_comment(question, status=Status.HELD)
    page = moderator_client.get(QUEUE).text
    form = page[page.index('<form method="post" action="/moderation/act/"') :]
    first_button = form[form.index("<button") : form.index(">", form.index("<button")) + 1]
    assert "disabled" in first_button
    response = moderator_client.post(
        ACT, {"items": [f"{comment.pk}@{comment.revision}"], "reason": "link spam, reject please"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.HELD
    assert not AuditLogEntry.objects.exists()


def test_select_all_ticks_every_post_without_javascript(moderator_client, question):
    for _ in range(3):
        make_comment(question, status=Status.HELD)
    page = moderator_client.get(QUEUE, {"tab": "held", "select": "all"}).text
    assert page.count('name="items"') == page.count(" checked") == 3


def test_spam_cards_offer_publish_but_not_restore(moderator_client, question):
    comment = make_comment(question, status=Status.SPAM)
    page = moderator_client.get(QUEUE, {"tab": "spam"}).text
    assert f'value="approve {comment.pk}@1"' in page
    assert f'value="restore {comment.pk}@1"' not in page


def test_an_appeal_leads_the_queue_and_publishing_tells_the_author(
    moderator_client, member, question
):
    from forum.moderation.appeals import appeal_post
    from forum.notifications.models import Notification

    held = make_comment(
        question, author=member, body="Which river did they cross?", status=Status.HELD
    )
    appeal_post(author=member, post=held, message="It asks which river they crossed.")
    make_comment(question, status=Status.HELD)  # an ordinary card, after the appeal
    page = moderator_client.get(QUEUE).text
    assert page.index("It asks which river they crossed.") < page.index('name="items"')
    moderator_client.post(ACT, {"act": f"approve {held.pk}@{held.revision}"})
    held.refresh_from_db()
    assert held.status == Status.VISIBLE
    notice = Notification.objects.get(recipient=member, kind="moderation")
    assert "approved" in notice.message
    assert "Appeals from authors" not in moderator_client.get(QUEUE).text


def test_denying_an_appeal_keeps_the_post_and_tells_the_author(moderator_client, member, question):
    from forum.moderation.appeals import appeal_post
    from forum.moderation.models import Appeal
    from forum.notifications.models import Notification

    spam = make_comment(question, author=member, status=Status.SPAM)
    appeal_post(author=member, post=spam, message="I only asked a question about it.")
    moderator_client.post(ACT, {"act": f"deny {spam.pk}@{spam.revision}", "reason": "Spam link"})
    spam.refresh_from_db()
    assert spam.status == Status.SPAM
    assert Appeal.objects.get().granted is False
    assert "stays as it is: Spam link" in Notification.objects.get(recipient=member).message


def test_a_held_reply_shows_its_evidence_in_its_own_words(moderator_client, question):
    from tests.factories import make_question

    make_question(title="How do I bleed hydraulic bicycle brakes?", body="The lever is spongy.")
    make_comment(question, body="Great answer, thanks a lot!", status=Status.HELD)
    make_comment(question, body="Which brigades crossed the river first?", status=Status.HELD)
    page = moderator_client.get(QUEUE).text
    assert '<mark class="cue">thanks</mark>' in page
    assert '<mark class="tie">river</mark>' in page
    assert page.count("could be posted anywhere") == 1


def test_evidence_says_so_when_there_was_no_other_thread_to_compare(moderator_client, question):
    make_comment(question, body="Great answer, thanks a lot!", status=Status.HELD)
    page = moderator_client.get(QUEUE).text
    assert "no other recent thread to compare it with" in page
    assert "fits another of 0 recent threads" not in page


def test_evidence_counts_one_other_thread_in_the_singular(moderator_client, question):
    from tests.factories import make_question

    make_question(title="How do I bleed hydraulic bicycle brakes?", body="The lever is spongy.")
    make_comment(question, body="Great answer, thanks a lot!", status=Status.HELD)
    assert "fits another of 1 recent thread with" in moderator_client.get(QUEUE).text


@pytest.mark.parametrize(
    ("action", "status", "said"),
    [
        ("approve", Status.HELD, "Published 2 posts."),
        ("reject", Status.HELD, "Rejected 2 posts as spam."),
        ("hide", Status.VISIBLE, "Hid 2 posts."),
        ("restore", Status.HIDDEN, "Restored 2 posts."),
    ],
)
def test_after_a_queue_action_the_message_says_what_was_done_in_the_buttons_words(
    moderator_client, question, action, status, said
):
    posts = [make_comment(question, status=status) for _ in range(2)]
    items = [str(post.pk) for post in posts]
    page = moderator_client.post(ACT, {"bulk": action, "items": items}, follow=True).text
    assert said in page
