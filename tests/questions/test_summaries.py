"""The rows of the question list, a tag page and search, built in Python
(forum/questions/summaries.py): what members wrote is text, never markup, and a post out of
view still says why to the member who may see it."""

import pytest

from forum.posts.models import Status, Tag
from tests.factories import make_question

pytestmark = pytest.mark.django_db

LISTS = ["/", "/tags/rockets/", "/search/?q=katyusha"]
TITLE = 'Were <b>Katyusha</b> rockets & "tanks" at <script>alert(1)</script>?'


def _ask(**fields):
    question = make_question(
        title=TITLE, body="The Katyusha rockets fired from trucks at night.", **fields
    )
    question.tags.add(Tag.objects.create(name="rockets"))
    return question


@pytest.mark.parametrize("url", LISTS)
def test_a_title_with_markup_is_shown_as_text_in_every_list(client, url):
    _ask()
    text = client.get(url).text
    assert (
        "Were &lt;b&gt;Katyusha&lt;/b&gt; rockets &amp; &quot;tanks&quot; at "
        "&lt;script&gt;alert(1)&lt;/script&gt;?" in text
    )
    assert "<script>alert(1)" not in text and "<b>Katyusha" not in text


@pytest.mark.parametrize("url", LISTS)
def test_a_held_question_tells_its_author_why_in_every_list(client, member, url):
    _ask(author=member, status=Status.HELD, status_reason="Links to <a> shop")
    client.force_login(member)
    text = client.get(url).text
    assert "Held for a moderator's review" in text
    assert "Links to &lt;a&gt; shop" in text
