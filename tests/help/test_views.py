"""The Markdown and privileges help pages, written from the code and settings they explain,
and linked from every editor."""

import pytest
from django.urls import reverse

from forum.help.views import MARKDOWN_EXAMPLES
from tests.factories import make_answer, make_established_member

pytestmark = pytest.mark.django_db

MARKDOWN = reverse("help:markdown")
PRIVILEGES = reverse("help:privileges")


def test_the_markdown_page_shows_each_example_as_a_post_renders_it(client):
    page = client.get(MARKDOWN).text
    assert len(MARKDOWN_EXAMPLES) > 10
    assert "<strong>bold</strong>" in page and "<s>struck through</s>" in page
    assert "<table>" in page and '<img src="/static/forum/img/favicon.svg"' in page
    # Raw HTML is shown as text, never interpreted.
    assert '<td class="post-body"><p>&lt;b&gt;not bold&lt;/b&gt;</p>' in page


def test_the_markdown_page_states_the_reputation_links_and_images_take(client, settings):
    settings.FORUM_PRIVILEGES = {**settings.FORUM_PRIVILEGES, "post_links": 42, "post_images": 77}
    page = client.get(MARKDOWN).text
    assert f'href="{PRIVILEGES}#post_links">42 reputation' in page
    assert f'href="{PRIVILEGES}#post_images">77 reputation' in page
    assert "tags you type are shown as text" in page


def test_the_privileges_page_lists_each_privilege_from_the_settings(client, settings):
    settings.FORUM_PRIVILEGES = {"flag": 15, "vote_down": 125, "post_links": 10}
    page = client.get(PRIVILEGES).text
    for key, reputation in settings.FORUM_PRIVILEGES.items():
        assert f'<tr id="{key}">\n      <td>{reputation}</td>' in page
    assert page.index('id="post_links"') < page.index('id="flag"') < page.index('id="vote_down"')
    assert "<strong>+10</strong> when your answer is voted up" in page


def test_a_member_sees_which_privileges_they_have(client):
    client.force_login(make_established_member(reputation=20))
    page = client.get(PRIVILEGES).text
    assert "You have <strong>20</strong> reputation." in page
    flag_row = page[page.index('<tr id="flag">') :].split("</tr>")[0]
    vote_down_row = page[page.index('<tr id="vote_down">') :].split("</tr>")[0]
    assert "yes" in flag_row and "not yet" in vote_down_row


def _links_to_help(page: str) -> bool:
    return f'href="{MARKDOWN}" target="_blank" rel="noopener">Formatting help</a>' in page


def test_every_editor_links_to_the_markdown_help(client, question):
    member = make_established_member()
    answer = make_answer(question, author=member)
    client.force_login(member)
    thread = client.get(question.get_absolute_url()).text
    your_answer = thread[thread.index('id="your-answer"') :]
    comment_form = thread[thread.index('class="add-comment') :]
    assert _links_to_help(your_answer) and _links_to_help(comment_form)
    for path in (reverse("questions:ask"), reverse("answers:edit", args=[answer.pk])):
        assert _links_to_help(client.get(path).text), path
    for path in (
        reverse("answers:create", args=[question.pk]),
        reverse("comments:create", args=[question.pk]),
    ):
        page = client.post(path, {"body": "Which river was it, exactly?", "preview": "1"}).text
        assert _links_to_help(page), path
