"""The tags index: each tag with the number of questions the reader may see, most used first."""

import pytest
from django.urls import reverse

from forum.posts.models import Status, Tag
from tests.factories import make_question, make_user

pytestmark = pytest.mark.django_db

TAGS = reverse("questions:tags")


def _tagged(name: str, count: int, **fields) -> list:
    tag, _ = Tag.objects.get_or_create(name=name)
    questions = [make_question(**fields) for _ in range(count)]
    for question in questions:
        question.tags.add(tag)
    return questions


def _counts(page) -> list[tuple[str, int]]:
    return [(tag.name, tag.question_count) for tag in page.context["page"]]


def test_tags_are_listed_most_used_first_with_their_counts(client, db):
    _tagged("tanks", 1)
    _tagged("rivers", 3)
    _tagged("aircraft", 1)
    response = client.get(TAGS)
    assert _counts(response) == [("rivers", 3), ("aircraft", 1), ("tanks", 1)]
    assert f'href="{reverse("questions:tag", args=["rivers"])}"' in response.text


def test_hidden_and_held_questions_do_not_count_for_readers(client, db):
    _tagged("tanks", 2)
    _tagged("tanks", 1, status=Status.HELD)
    _tagged("spam-only", 1, status=Status.SPAM)
    assert _counts(client.get(TAGS)) == [("tanks", 2)]


def test_an_author_counts_their_own_held_question_and_a_moderator_counts_all(
    client, member, moderator
):
    _tagged("tanks", 1)
    _tagged("tanks", 1, status=Status.HELD, author=member)
    _tagged("tanks", 1, status=Status.HIDDEN)
    client.force_login(member)
    assert _counts(client.get(TAGS)) == [("tanks", 2)]
    client.force_login(moderator)
    assert _counts(client.get(TAGS)) == [("tanks", 3)]


def test_the_name_filter_keeps_tags_containing_it(client, db):
    _tagged("world-war-two", 1)
    _tagged("cold-war", 1)
    _tagged("tanks", 1)
    response = client.get(TAGS, {"q": " WAR "})
    assert _counts(response) == [("cold-war", 1), ("world-war-two", 1)]
    assert 'value=" WAR "' in response.text  # the filter stays as typed


def test_a_filter_matching_nothing_says_so(client, db):
    _tagged("tanks", 1)
    assert "No tag contains “boats”" in client.get(TAGS, {"q": "boats"}).text


@pytest.mark.parametrize("value", ["x" * 36, "tanks\x00", "%", "_"])
def test_odd_filters_are_not_errors(client, db, value):
    _tagged("tanks", 1)
    assert client.get(TAGS, {"q": value}).status_code == 200


@pytest.mark.parametrize("tags", [1, 30])
def test_the_index_costs_one_query_however_many_tags(client, django_assert_num_queries, tags):
    author = make_user()
    for number in range(tags):
        _tagged(f"tag-{number}", 1, author=author)
    with django_assert_num_queries(1):
        assert client.get(TAGS).status_code == 200


def test_the_index_pages_past_the_page_size(client, db, settings):
    settings.FORUM_TAGS_PER_PAGE = 2
    for number in range(3):
        _tagged(f"tag-{number}", 1)
    first = client.get(TAGS)
    assert len(first.context["page"]) == 2 and "Next" in first.text
    assert _counts(client.get(TAGS, {"page": 2})) == [("tag-2", 1)]
