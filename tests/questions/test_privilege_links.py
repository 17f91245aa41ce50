"""A member who cannot vote down or flag for want of reputation is told why, on the thread."""

import pytest
from django.urls import reverse

from tests.factories import make_answer, make_comment, make_established_member, make_user

pytestmark = pytest.mark.django_db

PRIVILEGES = reverse("help:privileges")


@pytest.fixture
def thread(question):
    answer = make_answer(question)
    make_comment(answer)
    return question


def test_a_new_member_is_told_why_they_cannot_vote_down_or_flag(client, thread, settings):
    client.force_login(make_user(reputation=1))
    page = client.get(thread.get_absolute_url()).text
    assert page.count(f'href="{PRIVILEGES}#vote_down"') == 2  # the question and the answer
    assert 'aria-label="Why can\'t I vote down?"' in page
    assert f"It takes {settings.FORUM_PRIVILEGES['vote_down']} reputation." in page
    # The question, the answer and the comment.
    assert page.count(f'href="{PRIVILEGES}#flag">Why can\'t I flag?</a>') == 3
    assert 'value="down"' not in page and 'action="/moderation/flag' not in page


def test_a_member_with_the_privileges_gets_the_controls_and_no_explanation(client, thread):
    client.force_login(make_established_member())
    page = client.get(thread.get_absolute_url()).text
    assert 'value="down"' in page and 'action="/moderation/flag' in page
    assert "Why can't I" not in page


def test_a_visitor_is_not_told_about_privileges(client, thread):
    assert "Why can't I" not in client.get(thread.get_absolute_url()).text
