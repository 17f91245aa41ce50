"""`Rights` decides a viewer's controls once per thread page: every decision must be the one
the permission functions (the rules' one home) give for the same viewer and post."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.utils import timezone

from forum.accounts.permissions import MODERATE_PERMISSION, is_moderator
from forum.answers.permissions import can_accept_answer
from forum.comments.permissions import can_comment_on
from forum.moderation.permissions import can_appeal_post, can_flag_post, lacks_flag_privilege
from forum.posts.models import Status
from forum.posts.permissions import can_edit_post
from forum.questions.rights import Rights
from forum.votes.permissions import can_vote_down, can_vote_on, lacks_vote_down_privilege
from tests.factories import (
    make_answer,
    make_comment,
    make_established_member,
    make_moderator,
    make_question,
    make_user,
)

pytestmark = pytest.mark.django_db

RULES = {
    "can_edit": can_edit_post,
    "can_vote": can_vote_on,
    "can_vote_down": can_vote_down,
    "lacks_vote_down": lacks_vote_down_privilege,
    "can_comment": can_comment_on,
    "can_flag": can_flag_post,
    "lacks_flag": lacks_flag_privilege,
    "can_appeal": can_appeal_post,
}


def _viewers(asker):
    suspended = make_established_member(suspended_at=timezone.now())
    suspended_moderator = make_moderator()
    suspended_moderator.suspended_at = timezone.now()
    suspended_moderator.save()
    return {
        "anonymous": AnonymousUser(),
        "asker": asker,
        "new member": make_user(),
        "new member with reputation": make_user(reputation=500),
        "established": make_established_member(),
        "moderator": make_moderator(),
        "suspended": suspended,
        "suspended moderator": suspended_moderator,
        "inactive": make_established_member(is_active=False),
        "superuser": make_user(is_superuser=True),
    }


def _posts(asker, answerer):
    open_question = make_question(author=asker)
    locked = make_question(author=asker, locked_at=timezone.now(), lock_reason="Heated")
    hidden_question = make_question(author=asker, status=Status.HIDDEN)
    posts = [open_question, locked, hidden_question]
    for question in (open_question, locked, hidden_question):
        for status in (Status.VISIBLE, Status.HELD, Status.HIDDEN, Status.SPAM):
            posts.append(make_answer(question, author=answerer, status=status))
            posts.append(make_answer(question, author=asker, status=status))
        posts.append(make_comment(question, author=answerer))
        posts.append(make_comment(posts[-2], author=asker, status=Status.HELD))
    for post in posts:
        if post.thread_id:
            post.thread = next(p for p in posts if p.pk == post.thread_id)
    return posts


def test_every_decision_matches_the_permission_rules():
    asker, answerer = make_established_member(), make_established_member()
    posts = _posts(asker, answerer)
    for name, viewer in _viewers(asker).items():
        rights = Rights.of(viewer)
        for post in posts:
            for method, rule in RULES.items():
                expected = rule(viewer, post)
                got = getattr(rights, method)(post)
                assert bool(got) == bool(expected), (name, method, post.kind, post.status)
            if post.rules.acceptable:
                assert rights.can_accept(post) == can_accept_answer(viewer, post), name


def test_a_member_holding_the_moderate_permission_itself_is_a_moderator(db):
    app_label, codename = MODERATE_PERMISSION.split(".")
    member = make_user(date_joined=timezone.now() - timedelta(days=1))
    member.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    assert is_moderator(member)
    assert not is_moderator(make_user())
