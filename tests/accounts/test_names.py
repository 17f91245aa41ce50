"""Names people cannot confuse: a username or display name that looks like another member's
username (the same Unicode TR 39 confusable skeleton) is refused with a message."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from forum.accounts.models import User
from forum.accounts.names import skeleton
from tests.factories import make_user, sign_up

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("existing", "look_alike"),
    [
        ("mod1", "m\u043ed1"),  # Cyrillic о
        ("admin", "adm\u0131n"),  # dotless ı
        ("mod1", "modl"),  # digit one and small L
        ("paypal", "PaypaI"),  # capital i for small L
        ("modern", "rnodern"),  # r n for m
        ("alice", "\u0430lice"),  # Cyrillic а
    ],
)
def test_a_username_looking_like_a_members_is_refused_in_words(client, existing, look_alike):
    make_user(existing)
    response = sign_up(client, username=look_alike)
    assert response.status_code == 200
    # PostgreSQL's case-insensitive match already calls `admın` `admin` (upper-case ı is I),
    # and Django's own check says so first.
    refusals = (f"That name looks too much like the member “{existing}”", "already exists")
    assert any(refusal in response.text for refusal in refusals)
    assert not User.objects.filter(username=look_alike).exists()


@pytest.mark.parametrize(
    ("existing", "other"), [("mod1", "mod2"), ("jose", "josé"), ("ann", "anne")]
)
def test_names_that_differ_to_the_eye_are_accepted(client, existing, other):
    make_user(existing)
    sign_up(client, username=other)
    assert User.objects.filter(username=other).exists()


def test_a_look_alike_is_refused_by_the_database_too():
    """Two sign-ups at once both pass the form's check; the unique skeleton stops the second."""
    make_user("mod1")
    with pytest.raises(IntegrityError):
        make_user("m\u043ed1")


def test_the_skeleton_is_stored_and_indexed_for_a_one_query_check(django_assert_num_queries):
    make_user("mod1")
    assert User.objects.get(username="mod1").username_skeleton == skeleton("m\u043ed1")
    from forum.accounts.forms import look_alike_of

    with django_assert_num_queries(1):
        assert look_alike_of("m\u043ed1") == "mod1"


def test_a_display_name_looking_like_another_members_username_is_refused(client):
    make_user("mod1")
    member = make_user("someone")
    client.force_login(member)
    response = client.post(reverse("accounts:settings"), {"display_name": "m\u043ed1", "about": ""})
    assert "That name looks too much like the member “mod1”" in response.text
    member.refresh_from_db()
    assert member.display_name == ""


def test_a_display_name_may_look_like_ones_own_username(client):
    member = make_user("mod1")
    client.force_login(member)
    client.post(reverse("accounts:settings"), {"display_name": "MOD1", "about": ""})
    member.refresh_from_db()
    assert member.display_name == "MOD1"
