"""Where the flag control is missing only for want of reputation, the page explains it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.moderation.permissions import can_flag_post, lacks_flag_privilege
from forum.posts.models import Status
from tests.factories import make_established_member, make_question, make_user

pytestmark = pytest.mark.django_db


def test_a_member_short_of_the_flag_privilege_lacks_only_it(question):
    newcomer = make_user(reputation=1)
    assert can_flag_post(newcomer, question) is False
    assert lacks_flag_privilege(newcomer, question) is True


def test_nothing_is_explained_where_flagging_is_out_of_the_question(question):
    newcomer = make_user(reputation=1)
    held = make_question(status=Status.HELD)
    own = make_question(author=newcomer)
    assert lacks_flag_privilege(newcomer, held) is False
    assert lacks_flag_privilege(newcomer, own) is False
    assert lacks_flag_privilege(AnonymousUser(), question) is False
    assert lacks_flag_privilege(make_established_member(), question) is False
