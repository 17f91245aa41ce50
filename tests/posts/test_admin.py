"""The admin cannot break the forum's promises: nothing posted is deleted, no edit skips the
edit service, no suspension skips the suspend action."""

import pytest
from django.contrib.admin.sites import site

from forum.accounts.models import User
from forum.moderation.decisions import hide_post
from forum.moderation.flags import flag_post
from forum.moderation.models import AuditLogEntry, Flag
from forum.posts.models import Post
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    return client


@pytest.mark.parametrize("kind", ["question", "answer", "comment"])
def test_every_kind_of_post_is_listed_but_read_only(admin_client, question, kind):
    assert admin_client.get(f"/admin/{kind}s/{kind}/").status_code == 200
    model = next(model for model in site._registry if model._meta.model_name == kind)
    model_admin = site._registry[model]
    request = type("Request", (), {"user": User.objects.get(username="root")})()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, question)
    assert not model_admin.has_delete_permission(request, question)


def test_posting_a_change_to_a_question_in_the_admin_changes_nothing(admin_client, question):
    url = f"/admin/questions/question/{question.pk}/change/"
    response = admin_client.post(url, {"title": "Vandalised", "body": "Vandalised"})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.title != "Vandalised"


def test_deleting_a_question_in_the_admin_is_refused(admin_client, question):
    make_answer(question)
    response = admin_client.post(
        f"/admin/questions/question/{question.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Post.objects.count() == 2


def test_a_member_who_posted_cannot_be_deleted(admin_client, question):
    author = question.author
    response = admin_client.post(f"/admin/accounts/user/{author.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # the "cannot delete: protected objects" page
    assert User.objects.filter(pk=author.pk).exists()


def test_suspension_cannot_be_set_in_the_admin(admin_client, member):
    model_admin = site._registry[User]
    request = type("Request", (), {"user": User.objects.get(username="root")})()
    assert "suspended_at" in model_admin.get_readonly_fields(request, member)


def test_flags_and_the_audit_log_cannot_be_deleted_in_the_admin(admin_client, moderator, question):
    answer = make_answer(question)
    flag = flag_post(user=moderator, post=answer, reason="spam")
    hide_post(moderator=moderator, post=answer)
    entry = AuditLogEntry.objects.get()
    for url in (
        f"/admin/moderation/flag/{flag.pk}/delete/",
        f"/admin/moderation/auditlogentry/{entry.pk}/delete/",
    ):
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Flag.objects.count() == AuditLogEntry.objects.count() == 1
