"""Reads: the question lists with signed cursors, a thread, a post, comments, tags, search
and a member's profile, as the pages show them."""

import pytest
from django.test import override_settings

from forum.posts.models import Post, Status
from tests.factories import make_answer, make_comment, make_question, make_user

from .conftest import error_of

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_the_newest_list_pages_through_every_question_once_by_cursor(anon_api):
    questions = [make_question() for _ in range(5)]
    seen, cursor = [], None
    for _ in range(3):
        page = anon_api.get(
            "/questions", {"sort": "newest", "limit": 2, **({"cursor": cursor} if cursor else {})}
        )
        seen += _ids(page)
        cursor = page.json()["next_cursor"]
    assert seen == [question.pk for question in reversed(questions)]
    assert cursor is None


def test_a_tampered_cursor_is_a_400_in_the_error_shape(anon_api):
    for _ in range(3):
        make_question()
    cursor = anon_api.get("/questions", {"sort": "newest", "limit": 1}).json()["next_cursor"]
    tampered = cursor[:-3] + ("aaa" if not cursor.endswith("aaa") else "bbb")
    response = anon_api.get("/questions", {"sort": "newest", "cursor": tampered})
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_cursor"


def test_a_cursor_from_another_list_is_refused(anon_api):
    for _ in range(3):
        make_question()
    cursor = anon_api.get("/questions", {"sort": "newest", "limit": 1}).json()["next_cursor"]
    response = anon_api.get("/questions", {"sort": "votes", "cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in error_of(response)["fields"]


def test_the_votes_list_puts_the_best_question_first(anon_api):
    low, high = make_question(score=1), make_question(score=9)
    assert _ids(anon_api.get("/questions", {"sort": "votes"})) == [high.pk, low.pk]


def test_the_unanswered_list_leaves_out_answered_questions(anon_api):
    answered, open_question = make_question(), make_question()
    make_answer(answered)
    assert _ids(anon_api.get("/questions", {"sort": "unanswered"})) == [open_question.pk]


def test_the_active_list_puts_the_latest_activity_first(anon_api):
    older, newer = make_question(), make_question()
    Post.objects.filter(pk=older.pk).update(
        last_activity_at=newer.last_activity_at.replace(year=2100)
    )
    assert _ids(anon_api.get("/questions"))[:2] == [older.pk, newer.pk]


def test_a_tags_list_has_only_its_questions(anon_api):
    tagged, _ = make_question(), make_question()
    tagged.tags.create(name="tanks")
    page = anon_api.get("/questions", {"tag": "tanks"})
    assert _ids(page) == [tagged.pk]
    assert page.json()["items"][0]["tags"] == ["tanks"]


def test_an_unknown_tag_is_404(anon_api):
    assert anon_api.get("/questions", {"tag": "nothing-here"}).status_code == 404


def test_a_question_comes_with_its_answers_accepted_first_and_their_comments(anon_api, question):
    best = make_answer(question, score=5)
    accepted = make_answer(question)
    Post.objects.filter(pk=question.pk).update(accepted_answer=accepted)
    on_question = make_comment(question)
    on_best = make_comment(best, body="Which brigade was that?")
    thread = anon_api.get(f"/questions/{question.pk}").json()
    assert thread["question"]["id"] == question.pk
    assert [answer["id"] for answer in thread["answers"]] == [accepted.pk, best.pk]
    assert thread["answers"][0]["accepted"] is True
    assert [comment["id"] for comment in thread["comments"]] == [on_question.pk]
    assert [comment["id"] for comment in thread["answers"][1]["comments"]] == [on_best.pk]


def test_every_comment_under_a_post_is_listed(anon_api, question):
    comments = [make_comment(question, body=f"Comment number {n}") for n in range(8)]
    thread = anon_api.get(f"/questions/{question.pk}").json()
    assert thread["more_comments"] == 3
    listed = anon_api.get(f"/posts/{question.pk}/comments").json()
    assert [comment["id"] for comment in listed] == [comment.pk for comment in comments]


def test_a_post_comes_with_its_markdown_source(anon_api, question):
    answer = make_answer(question, body="**Bold** claim about the river.")
    post = anon_api.get(f"/posts/{answer.pk}").json()
    assert post["body"] == "**Bold** claim about the river."
    assert "<strong>Bold</strong>" in post["body_html"]
    assert post["question_id"] == question.pk


def test_tags_are_listed_most_used_first(anon_api):
    for _ in range(2):
        make_question().tags.add(*_tags("tanks"))
    make_question().tags.add(*_tags("rivers"))
    items = anon_api.get("/tags").json()["items"]
    assert [(tag["name"], tag["question_count"]) for tag in items] == [("tanks", 2), ("rivers", 1)]


def _tags(name):
    from forum.posts.models import Tag

    return [Tag.objects.get_or_create(name=name)[0]]


def test_search_finds_a_question_by_its_words(anon_api):
    found = make_question(title="Zhukov at the Khalkhin Gol river")
    make_question(title="Something else entirely here")
    items = anon_api.get("/search", {"q": "zhukov"}).json()["items"]
    assert [item["id"] for item in items] == [found.pk]


def test_search_never_finds_a_held_post(anon_api):
    make_question(title="Zhukov at the Khalkhin Gol river", status=Status.HELD)
    assert anon_api.get("/search", {"q": "zhukov"}).json()["items"] == []


def test_a_members_profile_lists_what_the_reader_may_see(anon_api):
    author = make_user("carol", display_name="Carol C.")
    shown = make_question(author=author)
    make_question(author=author, status=Status.SPAM)
    profile = anon_api.get("/users/carol").json()
    assert (profile["username"], profile["name"]) == ("carol", "Carol C.")
    assert [link["id"] for link in profile["questions"]] == [shown.pk]


def test_an_unknown_member_is_404(anon_api):
    response = anon_api.get("/users/nobody-at-all")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_me_says_who_the_token_acts_as(member_api, member):
    assert member_api.get("/me").json()["username"] == member.username


@override_settings(FORUM_PAGE_CACHE_SECONDS=600)
def test_a_hidden_question_leaves_the_api_list_at_once(anon_api, question):
    assert _ids(anon_api.get("/questions")) == [question.pk]
    Post.objects.filter(pk=question.pk).update(status=Status.HIDDEN)
    assert _ids(anon_api.get("/questions")) == []
