"""Flags are weighed: sock-puppets cannot take a post offline, a good record counts more."""

import pytest

from forum.moderation import decisions, flags
from forum.moderation.models import AuditLogEntry, Flag
from forum.posts.models import Status
from tests.factories import make_answer, make_established_member, make_moderator, make_user

pytestmark = pytest.mark.django_db


def _log(post):
    return list(AuditLogEntry.objects.filter(post_id=post.pk).order_by("pk"))


def _status(post) -> str:
    post.refresh_from_db(fields=["status"])
    return post.status


def test_three_fresh_accounts_cannot_hold_an_established_members_post(question):
    answer = make_answer(question, author=make_established_member())
    for _ in range(3):
        fresh = make_user(reputation=1000)  # even with reputation: joined today
        flags.flag_post(user=fresh, post=answer, reason="no_longer_needed")
    assert _status(answer) == Status.VISIBLE
    assert Flag.objects.filter(post=answer, resolved_at__isnull=True).count() == 3


def test_three_established_members_hold_a_post(question):
    answer = make_answer(question)
    for _ in range(3):
        flags.flag_post(user=make_established_member(), post=answer, reason="spam")
    assert _status(answer) == Status.HELD


def test_flags_never_hold_a_moderators_post(question):
    answer = make_answer(question, author=make_moderator())
    for _ in range(5):
        flags.flag_post(user=make_established_member(), post=answer, reason="rude")
    assert _status(answer) == Status.VISIBLE


@pytest.mark.parametrize(
    ("decide", "helpful", "declined"),
    [(flags.dismiss_flags, False, 1), (decisions.hide_post, True, 0)],
)
def test_a_moderators_decision_grades_the_flags_on_a_post(
    moderator, question, decide, helpful, declined
):
    flagger = make_established_member()
    answer = make_answer(question)
    flags.flag_post(user=flagger, post=answer, reason="spam")
    decide(moderator=moderator, post=answer)
    flagger.refresh_from_db()
    assert (flagger.helpful_flags, flagger.declined_flags) == (int(helpful), declined)
    assert Flag.objects.get().helpful is helpful


def test_a_declined_flag_lowers_its_flaggers_next_weight(moderator, question):
    flagger = make_established_member()
    answer = make_answer(question)
    flags.flag_post(user=flagger, post=answer, reason="spam")
    flags.dismiss_flags(moderator=moderator, post=answer)
    flagger.refresh_from_db()
    flags.flag_post(user=flagger, post=make_answer(question), reason="spam")
    assert Flag.objects.latest("pk").weight < 1


def test_declined_flaggers_need_more_company_to_hold_a_post(moderator, question):
    flaggers = [make_established_member(declined_flags=4) for _ in range(3)]
    answer = make_answer(question)
    for flagger in flaggers:
        flags.flag_post(user=flagger, post=answer, reason="spam")
    assert _status(answer) == Status.VISIBLE


def _flag_forms(page: str) -> set[str]:
    from tests.html_forms import parse_forms

    return {form.action for form in parse_forms(page).forms if "/flag/" in form.action}


@pytest.mark.parametrize("kind", ["answer", "comment"])
def test_after_flagging_the_thread_says_you_flagged_it_instead_of_the_form(client, question, kind):
    from django.urls import reverse

    from tests.factories import make_comment
    from tests.html_forms import find_form

    flagger = make_established_member()
    post = make_answer(question) if kind == "answer" else make_comment(question)
    other = make_answer(question)
    client.force_login(flagger)
    flag_url = reverse("moderation:flag", args=[post.pk])
    form = find_form(client.get(question.get_absolute_url()).text, action=flag_url)
    client.post(flag_url, form.data(form.button("Flag"), reason="rude"))
    page = client.get(question.get_absolute_url()).text
    assert flag_url not in _flag_forms(page)
    assert reverse("moderation:flag", args=[other.pk]) in _flag_forms(page)
    item = page[page.index(f'id="{kind}-{post.pk}"') :]
    assert "You flagged this" in item[: item.index("</article>" if kind == "answer" else "</li>")]


def test_others_still_see_the_flag_form_on_a_post_someone_flagged(client, question):
    from django.urls import reverse

    answer = make_answer(question)
    flags.flag_post(user=make_established_member(), post=answer, reason="spam")
    client.force_login(make_established_member())
    page = client.get(question.get_absolute_url()).text
    assert reverse("moderation:flag", args=[answer.pk]) in _flag_forms(page)
    assert "You flagged this" not in page


@pytest.mark.parametrize("flagged", [1, 20])
def test_the_thread_page_reads_the_members_flags_in_one_query(
    client, question, django_assert_num_queries, flagged
):
    flagger = make_established_member()
    for _ in range(flagged):
        flags.flag_post(user=flagger, post=make_answer(question), reason="rude")
    client.force_login(flagger)
    client.get("/")  # the session and the member are read from the cache from now on
    # the question, answers and comments with the member's votes, flags, appeals and unread
    # count in one (forum/questions/selectors.py), twice as no post is cached yet (see
    # forum/questions/fragments.py), and tags
    with django_assert_num_queries(3):
        assert "You flagged this" in client.get(question.get_absolute_url()).text


def test_enough_flag_weight_holds_a_visible_post(settings, question):
    settings.FORUM_FLAG_WEIGHT_TO_HOLD = 2.0
    answer = make_answer(question)
    flags.flag_post(user=make_established_member(), post=answer, reason="spam")
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE
    flags.flag_post(user=make_established_member(), post=answer, reason="rude")
    answer.refresh_from_db()
    assert answer.status == Status.HELD
    assert _log(answer)[-1].action == AuditLogEntry.Action.FLAG_HELD


def test_flagging_twice_is_refused(member, question):
    answer = make_answer(question)
    flags.flag_post(user=member, post=answer, reason="spam")
    with pytest.raises(flags.FlagRefused):
        flags.flag_post(user=member, post=answer, reason="rude")
    assert Flag.objects.count() == 1


def test_a_moderator_decision_resolves_open_flags(moderator, member, question):
    answer = make_answer(question)
    flags.flag_post(user=member, post=answer, reason="spam")
    decisions.approve_post(moderator=moderator, post=answer)
    assert Flag.objects.get().resolved_at is not None


def test_dismissing_flags_leaves_the_post_and_logs(moderator, member, question):
    answer = make_answer(question)
    flags.flag_post(user=member, post=answer, reason="not_an_answer")
    flags.dismiss_flags(moderator=moderator, post=answer)
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE
    assert Flag.objects.get().resolved_at is not None
    assert _log(answer)[-1].action == AuditLogEntry.Action.FLAGS_DISMISSED
