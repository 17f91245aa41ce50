"""The Undo banner says in words what it will undo, and undoes exactly that (issue 17)."""

import pytest
from django.urls import reverse

from forum.accounts.models import User
from forum.moderation.models import AuditLogEntry
from forum.posts.models import Post, Status
from tests.factories import make_answer, make_comment, make_question, make_user
from tests.html_forms import find_form, parse_forms

pytestmark = pytest.mark.django_db

ACT = reverse("moderation:act")
UNDO = reverse("moderation:undo")
QUESTIONS = reverse("questions:list")


def _alice_with_five_posts(question):
    alice = make_user("alice")
    posts = [make_answer(question, author=alice) for _ in range(3)]
    posts.append(make_comment(question, author=alice))
    posts.append(make_comment(question, author=alice, status=Status.HELD))
    return alice, posts


def _statuses(posts):
    return [Post.objects.get(pk=post.pk).status for post in posts]


def _suspend(client, member, **data):
    data = {"reason": "Spam run", "duration": "7", "hide_posts": "on", **data}
    return client.post(reverse("moderation:suspend", args=[member.username]), data)


def _lift(client, member):
    return client.post(reverse("moderation:unsuspend", args=[member.username]))


def _press_undo(client, page: str):
    """Press the banner's button as a person would: the form's own fields, its own action."""
    banner = find_form(page, action=UNDO)
    return client.post(banner.action, banner.data(banner.button("Undo it")), follow=True)


def test_undoing_a_lift_resuspends_and_hides_exactly_what_the_lift_restored(
    moderator_client, question
):
    restored_earlier = make_answer(question, status=Status.HIDDEN)
    moderator_client.post(ACT, {"act": f"restore {restored_earlier.pk}"})
    alice, posts = _alice_with_five_posts(question)
    _suspend(moderator_client, alice)
    assert _statuses(posts) == [Status.HIDDEN] * 5
    _lift(moderator_client, alice)

    page = moderator_client.get(QUESTIONS).text
    banner = find_form(page, action=UNDO)
    assert "You lifted alice's suspension (5 posts restored)." in banner.text
    after = _press_undo(moderator_client, page).text

    assert User.objects.get(pk=alice.pk).is_suspended
    assert _statuses(posts) == [Status.HIDDEN] * 5
    assert Post.objects.get(pk=restored_earlier.pk).status == Status.VISIBLE
    assert not [form for form in parse_forms(after).forms if form.action == UNDO]


def test_undoing_a_lift_keeps_the_suspensions_terms_and_a_later_lift_restores_again(
    moderator_client, question
):
    alice, posts = _alice_with_five_posts(question)
    _suspend(moderator_client, alice, reason="Spam run", duration="30")
    suspended = User.objects.get(pk=alice.pk)
    _lift(moderator_client, alice)
    _press_undo(moderator_client, moderator_client.get(QUESTIONS).text)
    again = User.objects.get(pk=alice.pk)
    assert (again.suspended_at, again.suspended_until, again.suspension_reason) == (
        suspended.suspended_at,
        suspended.suspended_until,
        "Spam run",
    )
    _lift(moderator_client, alice)
    assert _statuses(posts) == [Status.VISIBLE] * 4 + [Status.HELD]


def test_undoing_a_suspension_reinstates_and_puts_back_exactly_the_posts_it_hid(
    moderator_client, question
):
    alice, posts = _alice_with_five_posts(question)
    already_spam = make_comment(question, author=alice, status=Status.SPAM)
    _suspend(moderator_client, alice)
    page = moderator_client.get(QUESTIONS).text
    assert "You suspended alice (5 posts hidden)." in find_form(page, action=UNDO).text
    _press_undo(moderator_client, page)
    assert not User.objects.get(pk=alice.pk).is_suspended
    assert _statuses(posts) == [Status.VISIBLE] * 4 + [Status.HELD]
    assert Post.objects.get(pk=already_spam.pk).status == Status.SPAM


def test_undoing_a_suspension_leaves_a_post_another_decision_changed_since(
    moderator_client, moderator, question
):
    from forum.moderation import decisions

    alice, posts = _alice_with_five_posts(question)
    _suspend(moderator_client, alice)
    page = moderator_client.get(QUESTIONS).text
    other = User.objects.create_superuser("root", "", "pw")
    decisions.reject_post(moderator=other, post=posts[0])
    _press_undo(moderator_client, page)
    assert _statuses(posts) == [Status.SPAM] + [Status.VISIBLE] * 3 + [Status.HELD]


def test_the_banner_names_the_queue_action_it_undoes(moderator_client, question):
    held = [make_comment(question, status=Status.HELD) for _ in range(2)]
    moderator_client.post(ACT, {"bulk": "approve", "items": [str(post.pk) for post in held]})
    banner = find_form(moderator_client.get(QUESTIONS).text, action=UNDO)
    assert "You published 2 posts." in banner.text


def test_the_banner_names_the_author_of_a_single_post(moderator_client, question):
    answer = make_answer(question, author=make_user("carol"))
    moderator_client.post(ACT, {"act": f"hide {answer.pk}"})
    banner = find_form(moderator_client.get(QUESTIONS).text, action=UNDO)
    assert "You hid carol's answer." in banner.text


def test_the_banner_goes_once_a_newer_action_is_taken(moderator_client, question):
    answer = make_answer(question)
    moderator_client.post(ACT, {"act": f"hide {answer.pk}"})
    moderator_client.post(
        reverse("moderation:lock", args=[question.pk]), {"reason": "Heated argument"}
    )
    page = moderator_client.get(QUESTIONS).text
    assert not [form for form in parse_forms(page).forms if form.action == UNDO]


def test_the_banner_follows_the_latest_action(moderator_client, question):
    answer = make_answer(question, author=make_user("carol"))
    moderator_client.post(ACT, {"act": f"hide {answer.pk}"})
    dave = make_user("dave")
    make_answer(make_question(), author=dave)
    _suspend(moderator_client, dave, hide_posts="")
    banner = find_form(moderator_client.get(QUESTIONS).text, action=UNDO)
    assert "You suspended dave." in banner.text
    assert "carol" not in banner.text
    _press_undo(moderator_client, moderator_client.get(QUESTIONS).text)
    assert Post.objects.get(pk=answer.pk).status == Status.HIDDEN
    assert not User.objects.get(username="dave").is_suspended


def test_the_banner_goes_once_another_moderator_changed_the_post(moderator_client, question):
    from forum.moderation import decisions

    answer = make_answer(question)
    moderator_client.post(ACT, {"act": f"hide {answer.pk}"})
    other = User.objects.create_superuser("root", "", "pw")
    decisions.restore_post(moderator=other, post=Post.objects.get(pk=answer.pk))
    page = moderator_client.get(QUESTIONS).text
    assert not [form for form in parse_forms(page).forms if form.action == UNDO]


def test_the_audit_log_undoes_a_suspension_from_its_row(moderator_client, question):
    alice, posts = _alice_with_five_posts(question)
    _suspend(moderator_client, alice)
    entry = AuditLogEntry.objects.get(action=AuditLogEntry.Action.SUSPENDED)
    page = moderator_client.get(reverse("moderation:log")).text
    row = page[page.index(f'id="entry-{entry.pk}"') :]
    row = row[: row.index("</tr>")]
    form = find_form(row, action=UNDO)
    assert form.data()["entry"] == [str(entry.pk)]
    moderator_client.post(UNDO, form.data(form.button("Undo")))
    assert not User.objects.get(pk=alice.pk).is_suspended
    assert _statuses(posts) == [Status.VISIBLE] * 4 + [Status.HELD]


def test_the_audit_log_offers_no_undo_on_a_superseded_lift(moderator_client, question):
    alice, _ = _alice_with_five_posts(question)
    _suspend(moderator_client, alice)
    _lift(moderator_client, alice)
    _suspend(moderator_client, alice)
    lift = AuditLogEntry.objects.get(action=AuditLogEntry.Action.UNSUSPENDED)
    page = moderator_client.get(reverse("moderation:log")).text
    row = page[page.index(f'id="entry-{lift.pk}"') :]
    assert "Undo" not in row[: row.index("</tr>")]


def test_the_banner_counts_only_the_posts_the_action_changed(moderator_client, question):
    from forum.moderation import flags

    held = make_comment(question, author=make_user("carol"), status=Status.HELD)
    flagged = make_answer(question)
    flags.flag_post(user=make_user(), post=flagged, reason="spam")
    moderator_client.post(ACT, {"bulk": "approve", "items": [str(held.pk), str(flagged.pk)]})
    banner = find_form(moderator_client.get(QUESTIONS).text, action=UNDO)
    assert "You published carol's comment." in banner.text
