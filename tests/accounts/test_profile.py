"""Members edit a display name and an "about" text, shown on their profile."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.accounts.services import edit_profile
from tests.factories import make_established_member, make_user

pytestmark = pytest.mark.django_db

SETTINGS = reverse("accounts:settings")


def _save(client, **data):
    return client.post(SETTINGS, {"display_name": "", "about": "", **data})


def test_the_settings_page_needs_a_log_in(client, db):
    assert client.get(SETTINGS)["Location"].startswith(reverse("accounts:login"))


def test_a_member_sets_a_display_name_and_about_text_shown_on_their_profile(member_client, member):
    response = _save(member_client, display_name="  Alice Liddell ", about="I read **maps**.")
    assert response["Location"] == member.get_absolute_url()
    page = member_client.get(member.get_absolute_url()).text
    assert '<h1 class="h4">Alice Liddell' in page and ">alice</small>" in page
    assert "I read <strong>maps</strong>." in page


def test_the_profile_falls_back_to_the_username(client, member):
    page = client.get(member.get_absolute_url()).text
    assert '<h1 class="h4">alice</h1>' in page


def test_the_about_text_is_sanitised_markdown(member_client, member):
    _save(member_client, about="<script>alert(1)</script> [x](javascript:alert(1))")
    member.refresh_from_db()
    assert "<script" not in member.about_html and 'href="javascript' not in member.about_html
    assert "&lt;script&gt;" in member.about_html  # shown as the text it is


def test_a_new_members_links_in_the_about_text_are_text(member, settings):
    member.reputation = settings.FORUM_PRIVILEGES["post_links"] - 1
    edit_profile(member=member, display_name="", about="[shop](https://spam.example/)")
    assert "<a " not in member.about_html and "https://spam.example/" in member.about_html
    established = make_established_member()
    edit_profile(member=established, display_name="", about="[maps](https://maps.example/)")
    assert '<a href="https://maps.example/"' in established.about_html


@pytest.mark.parametrize(
    ("name", "code_point"),
    [
        ("Ali\u200bce", "U+200B"),  # zero-width space
        ("\u202eecila", "U+202E"),  # right-to-left override
        ("Alice\x07", "U+0007"),  # bell
        ("Al\u2028ice", "U+2028"),  # line separator
    ],
)
def test_a_display_name_with_control_or_format_characters_is_refused_and_kept(
    member_client, member, name, code_point
):
    response = _save(member_client, display_name=name, about="Still here.")
    assert response.status_code == 200
    assert "control or invisible formatting characters" in response.text
    assert code_point in response.text
    assert "Still here." in response.text  # the text typed stays in the form
    member.refresh_from_db()
    assert member.display_name == "" and member.about == ""


def test_a_display_name_over_forty_characters_is_refused(member_client, member):
    response = _save(member_client, display_name="A" * 41)
    assert "at most 40 characters" in response.text
    member.refresh_from_db()
    assert member.display_name == ""


def test_an_about_text_over_the_limit_is_refused(member_client, member):
    response = _save(member_client, about="word " * 500)
    assert response.status_code == 200 and "at most 2000 characters" in response.text


def test_another_members_username_is_not_a_display_name(member_client, member):
    make_user("moderator")
    response = _save(member_client, display_name="Moderator")
    assert "That is another member&#x27;s username" in response.text
    assert _save(member_client, display_name="ALICE").status_code == 302  # their own is fine


def test_profile_edits_are_rate_limited_and_keep_the_text(member_client, member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "profile": {"user": "0/h"}}
    response = _save(member_client, display_name="Alice L", about="My careful words")
    assert response.status_code == 429 and "try again in" in response.text
    assert "My careful words" in response.text
    member.refresh_from_db()
    assert member.display_name == ""


def test_a_suspended_member_cannot_change_their_profile(member_client, member):
    member.suspended_at = timezone.now()
    member.save()
    assert "you cannot change your profile" in member_client.get(SETTINGS).text
    assert _save(member_client, display_name="Buy pills").status_code == 403
    member.refresh_from_db()
    assert member.display_name == ""


def test_own_profile_links_to_settings_and_password_change(member_client, member, other_member):
    own = member_client.get(member.get_absolute_url()).text
    assert f'href="{SETTINGS}">Edit profile' in own
    assert f'href="{reverse("accounts:password_change")}">Change password' in own
    assert "Edit profile" not in member_client.get(other_member.get_absolute_url()).text


def test_the_settings_page_links_to_password_change_and_formatting_help(member_client):
    page = member_client.get(SETTINGS).text
    assert f'href="{reverse("accounts:password_change")}"' in page
    assert f'href="{reverse("help:markdown")}"' in page


def test_readers_see_a_new_display_name_at_once_though_profiles_are_cached(
    client, member, django_capture_on_commit_callbacks
):
    assert client.get(member.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(member.get_absolute_url())["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        edit_profile(member=member, display_name="Alice Liddell", about="")
    assert "Alice Liddell" in client.get(member.get_absolute_url()).text
