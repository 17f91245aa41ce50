"""Full-text search over questions and answers (PostgreSQL tsvector, SQLite FTS5)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.posts.models import Status
from forum.posts.search import Query, highlight, search_posts
from tests.factories import make_answer, make_comment, make_question

pytestmark = pytest.mark.django_db


def _found(query: str, viewer=None) -> list[int]:
    page = search_posts(viewer or AnonymousUser(), Query.parse(query), number=1, per_page=20)
    return [hit.post.pk for hit in page]


def test_search_finds_a_word_that_only_an_answer_contains(question):
    answer = make_answer(question, body="Zhukov moved his armour across the river at night.")
    assert _found("Zhukov") == [answer.pk]


def test_search_matches_other_forms_of_a_word(question):
    answer = make_answer(question, body="The bridges were built by sappers.")
    assert answer.pk in _found("bridge")


def test_search_ranks_a_title_match_above_a_body_match(db):
    in_body = make_question(title="A question about rivers", body="Logistics " * 3 + "Zhukov")
    in_title = make_question(title="Why did Zhukov win?", body="Some long question body text.")
    assert _found("zhukov") == [in_title.pk, in_body.pk]


def test_search_needs_every_word(question):
    both = make_answer(question, body="Zhukov used tanks.")
    make_answer(question, body="Zhukov used infantry.")
    assert _found("zhukov tanks") == [both.pk]


def test_search_never_finds_comments(question):
    make_comment(question, body="Zhukov was there too.")
    assert _found("zhukov") == []


@pytest.mark.parametrize("status", [Status.HELD, Status.SPAM, Status.HIDDEN])
def test_search_never_finds_posts_readers_cannot_see(question, status):
    make_answer(question, body="Zhukov and the hidden answer.", status=status)
    assert _found("zhukov") == []


def test_a_moderator_finds_a_held_answer(question, moderator):
    # Readers' search reads the visible posts' index on PostgreSQL; a moderator's the whole.
    held = make_answer(question, body="Zhukov in a held answer.", status=Status.HELD)
    assert _found("zhukov", moderator) == [held.pk]


def test_an_author_finds_their_own_held_answer(question, member):
    held = make_answer(question, member, body="Zhukov in my held answer.", status=Status.HELD)
    assert _found("zhukov", member) == [held.pk]


def test_search_never_finds_answers_under_a_hidden_question(question):
    make_answer(question, body="Zhukov again.")
    type(question).objects.filter(pk=question.pk).update(status=Status.HIDDEN)
    assert _found("zhukov") == []


def test_search_sees_an_edit_at_once(question):
    answer = make_answer(question, body="Nothing to see.")
    answer.set_body("Now it mentions Zhukov.")
    answer.save()
    assert _found("zhukov") == [answer.pk]


def test_a_tag_in_brackets_limits_search_to_threads_carrying_it(question):
    tagged = make_question(title="Tagged question on Zhukov")
    tagged.tags.create(name="soviet-union")
    make_answer(question, body="Zhukov in an untagged thread.")
    answer = make_answer(tagged, body="Zhukov in the tagged thread.")
    assert sorted(_found("zhukov [soviet-union]")) == sorted([tagged.pk, answer.pk])
    assert _found("zhukov [no-such-tag]") == []


@pytest.mark.parametrize(
    "query",
    ['"', "'", "NEAR(", "a OR OR", "-", "*", "title:x", "((()", ":", "^zhukov", "x" * 200, ""],
)
def test_operator_laden_queries_are_words_not_errors(question, query):
    make_answer(question, body="Zhukov.")
    _found(query)


def test_snippets_mark_matches_and_escape_everything_else(question):
    make_answer(question, body="<b>Zhukov</b> & the \x01river\x02")
    page = search_posts(AnonymousUser(), Query.parse("zhukov"), number=1, per_page=20)
    snippet = page.object_list[0].snippet
    assert "<mark>Zhukov</mark>" in snippet
    assert "<b>" not in snippet


def test_highlight_never_leaves_an_unbalanced_mark():
    assert highlight("\x01a \x01b\x02 c\x02 <i>") == "a <mark>b</mark> c &lt;i&gt;"
