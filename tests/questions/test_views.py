import pytest
from django.urls import reverse

from forum.posts.models import Status
from forum.questions.models import Question
from tests.factories import QUESTION_BODY, make_answer, make_comment, make_question, make_user

pytestmark = pytest.mark.django_db


def test_home_page_lists_visible_questions_by_title(client, question):
    response = client.get("/")
    assert response.status_code == 200
    assert question.title in response.text
    assert question.get_absolute_url() in response.text


def test_home_page_hides_questions_hidden_by_moderators(client, question):
    Question.objects.filter(pk=question.pk).update(status=Status.HIDDEN)
    assert question.title not in client.get("/").text


@pytest.mark.parametrize("sort", ["newest", "active", "votes", "unanswered", "nonsense"])
def test_every_sort_order_renders(client, question, sort):
    assert client.get("/", {"sort": sort}).status_code == 200


def test_unanswered_tab_leaves_out_answered_questions(client, question):
    answered = make_question(title="An answered question about tanks")
    make_answer(answered)
    text = client.get("/", {"sort": "unanswered"}).text
    assert question.title in text
    assert answered.title not in text


def test_most_votes_tab_puts_higher_scores_first(client):
    low = make_question(title="A question nobody liked much", score=1)
    high = make_question(title="A question everybody liked", score=9)
    text = client.get("/", {"sort": "votes"}).text
    assert text.index(high.title) < text.index(low.title)


def test_list_pages_without_counting_and_a_bad_page_number_is_not_an_error(client, settings):
    settings.FORUM_QUESTIONS_PER_PAGE = 2
    author = make_user()
    for _ in range(5):
        make_question(author=author)
    first, last = client.get("/").text, client.get("/", {"page": "3"}).text
    assert "Page 1" in first and "Next" in first
    assert "Page 3" in last and "Next" not in last
    assert client.get("/", {"page": "99"}).status_code == 200
    assert client.get("/", {"page": "abc"}).status_code == 200


def test_list_pages_past_the_cap_are_404(client, db):
    assert client.get("/", {"page": "101"}).status_code == 404


def test_thread_page_shows_question_answers_and_comments(client, question):
    answer = make_answer(question, body="The river crossing decided it.")
    make_comment(question, body="Which year exactly?")
    make_comment(answer, body="Source for the crossing?")
    text = client.get(question.get_absolute_url()).text
    assert question.title in text
    assert "The river crossing decided it." in text
    assert "Which year exactly?" in text
    assert "Source for the crossing?" in text


def test_thread_page_puts_accepted_answer_first_then_by_score(client, question):
    make_answer(question, body="Middle answer with score two", score=2)
    make_answer(question, body="Highest scoring answer here", score=10)
    accepted = make_answer(question, body="Accepted answer with low score", score=0)
    Question.objects.filter(pk=question.pk).update(accepted_answer=accepted)
    text = client.get(question.get_absolute_url()).text
    assert (
        text.index("Accepted answer with low score")
        < text.index("Highest scoring answer here")
        < text.index("Middle answer with score two")
    )


def test_thread_page_links_the_pages_of_its_answers(client, question, settings):
    settings.FORUM_ANSWERS_PER_PAGE = 1
    make_answer(question)
    make_answer(question)
    text = client.get(question.get_absolute_url(), {"page": 2}).text
    assert "· page 2</small>" in text
    assert 'href="?page=1">Previous</a>' in text and 'href="?page=3">Next</a>' not in text


def test_thread_page_redirects_a_wrong_slug_to_the_canonical_url(client, question):
    response = client.get(reverse("questions:detail", args=[question.pk, "wrong-slug"]))
    assert response.status_code == 301
    assert response["Location"] == question.get_absolute_url()


def test_missing_question_is_404(client, db):
    assert client.get("/questions/999999/anything/").status_code == 404


def test_readers_do_not_see_held_answers_but_their_authors_do(client, question, member):
    make_answer(question, author=member, body="My held answer text", status=Status.HELD)
    assert "My held answer text" not in client.get(question.get_absolute_url()).text
    client.force_login(member)
    text = client.get(question.get_absolute_url()).text
    assert "My held answer text" in text
    assert "Held for a moderator's review" in text


def test_moderators_see_spam_answers_marked(moderator_client, question):
    make_answer(question, body="Cheap pills here", status=Status.SPAM)
    text = moderator_client.get(question.get_absolute_url()).text
    assert "Cheap pills here" in text
    assert "Hidden as spam" in text


@pytest.mark.parametrize("answers", [1, 50])
def test_thread_page_query_count_does_not_grow_with_answers(
    client, member, question, django_assert_num_queries, answers
):
    for _ in range(answers):
        answer = make_answer(question)
        make_comment(answer)
        make_comment(question)
    client.force_login(member)
    client.get("/")  # the session and the member are read from the cache from now on
    # the question, its answers and comments with the viewer's votes, flags, appeals and
    # unread count in one (forum/questions/selectors.py), read again after the thread's
    # versions as no post is cached yet (forum/questions/fragments.py), and tags (only to
    # render the question's fragment)
    with django_assert_num_queries(3):
        assert client.get(question.get_absolute_url()).status_code == 200


def test_a_members_thread_page_shows_their_unread_count(member_client, member, question):
    from forum.notifications.models import Notification

    for kind in ("answer", "mention", "accepted"):
        Notification.objects.create(recipient=member, kind=kind, post=question)
    Notification.objects.create(recipient=make_user(), kind="answer", post=question)
    # Read with the page's posts (forum/questions/selectors.py), not by the layout again.
    assert 'aria-label="3 unread"' in member_client.get(question.get_absolute_url()).text


@pytest.mark.parametrize("questions", [1, 50])
def test_list_page_query_count_does_not_grow_with_questions(
    client, django_assert_num_queries, questions, db
):
    author = make_user()
    for _ in range(questions):
        make_question(author=author)
    # ids, their rows, tags
    with django_assert_num_queries(3):
        assert client.get("/").status_code == 200


def test_tag_page_lists_tagged_questions_only(client, member):
    tagged = make_question(title="Tagged question about tanks")
    tagged.tags.create(name="tanks")
    untagged = make_question(title="Untagged question about boats")
    text = client.get(reverse("questions:tag", args=["tanks"])).text
    assert tagged.title in text
    assert untagged.title not in text
    assert client.get(reverse("questions:tag", args=["nope"])).status_code == 404


def test_search_matches_every_word_in_title_or_body(client, question):
    other = make_question(title="Completely unrelated cooking question", body="Pasta " * 10)
    text = client.get(reverse("questions:search"), {"q": "armoured purges"}).text
    assert question.title in text
    assert other.title not in text


def test_search_page_shows_answers_with_the_match_highlighted(client, question):
    make_answer(question, body="Zhukov crossed the river with his tanks.")
    text = client.get(reverse("questions:search"), {"q": "zhukov"}).text
    assert "<mark>Zhukov</mark>" in text
    assert question.title in text


def test_search_with_an_overlong_query_is_not_an_error(client, db):
    response = client.get(reverse("questions:search"), {"q": "x" * 5000})
    assert response.status_code == 200


def test_ask_requires_login(client, db):
    response = client.get(reverse("questions:ask"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_member_asks_a_question_with_tags(member_client, member):
    response = member_client.post(
        reverse("questions:ask"),
        {"title": "Why were the tanks so effective?", "body": QUESTION_BODY, "tags": "tanks ww2"},
    )
    question = Question.objects.get(author=member)
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert sorted(tag.name for tag in question.tags.all()) == ["tanks", "ww2"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Short", "body": QUESTION_BODY}, "at least 10 characters"),
        ({"title": "x" * 151, "body": QUESTION_BODY}, "at most 150 characters"),
        ({"title": "A fine title here", "body": "   \n  "}, "This field is required"),
        ({"title": "A fine title here", "body": "x" * 30_001}, "at most 30000 characters"),
        (
            {"title": "A fine title here", "body": QUESTION_BODY, "tags": "a b c d e f"},
            "at most 5 tags",
        ),
        ({"title": "A fine title here", "body": QUESTION_BODY, "tags": "<b>"}, "not a valid tag"),
    ],
)
def test_bad_question_gets_a_form_error_and_nothing_is_saved(member_client, data, message):
    response = member_client.post(reverse("questions:ask"), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Question.objects.exists()


def test_preview_renders_markdown_without_saving(member_client):
    response = member_client.post(
        reverse("questions:ask"),
        {"title": "A fine title here", "body": "**bold claim** " + QUESTION_BODY, "preview": "1"},
    )
    assert "<strong>bold claim</strong>" in response.text
    assert not Question.objects.exists()


def test_author_edits_question_and_revision_is_kept(member_client, member):
    question = make_question(author=member)
    old_body = question.body
    response = member_client.post(
        reverse("questions:edit", args=[question.pk]),
        {
            "title": question.title,
            "body": "A rewritten body that is long enough to pass.",
            "tags": "",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.body == "A rewritten body that is long enough to pass."
    assert question.edited_at is not None
    history = member_client.get(reverse("posts:revisions", args=[question.pk])).text
    assert old_body in history


def test_editing_someone_elses_question_is_forbidden(member_client, question):
    before = question.body
    response = member_client.post(
        reverse("questions:edit", args=[question.pk]),
        {"title": "Vandalised title here", "body": "Vandalised body text here.", "tags": ""},
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.body == before


def _hide(post):
    Question.objects.filter(pk=post.pk).update(status=Status.HIDDEN)


def test_profile_of_an_answerer_does_not_leak_a_hidden_questions_title(client, member, question):
    make_answer(question, author=member)
    _hide(question)
    text = client.get(reverse("questions:profile", args=[member.username]), {"tab": "answers"}).text
    assert question.title not in text
    assert "Nothing yet." in text


def test_a_tag_used_only_by_hidden_questions_is_404(client, question):
    question.tags.create(name="secret-tag")
    _hide(question)
    assert client.get(reverse("questions:tag", args=["secret-tag"])).status_code == 404


def test_a_hidden_question_answers_every_url_like_an_absent_one(member_client, question):
    answer = make_answer(question)
    _hide(question)
    absent = 987654
    for hidden_id, absent_id in ((question.pk, absent), (answer.pk, absent + 1)):
        pages = [
            ("get", reverse("questions:detail_short", args=[hidden_id]), {}),
            ("get", reverse("questions:edit", args=[hidden_id]), {}),
            ("get", reverse("posts:revisions", args=[hidden_id]), {}),
            ("post", reverse("answers:create", args=[hidden_id]), {"body": "An answer text."}),
            ("post", reverse("comments:create", args=[hidden_id]), {"body": "A comment."}),
            ("post", reverse("votes:vote", args=[hidden_id]), {"value": "up"}),
            ("post", reverse("moderation:flag", args=[hidden_id]), {"reason": "spam"}),
        ]
        for method, url, data in pages:
            response = getattr(member_client, method)(url, data)
            absent_url = url.replace(f"/{hidden_id}/", f"/{absent_id}/")
            absent_response = getattr(member_client, method)(absent_url, data)
            assert response.status_code == absent_response.status_code == 404, url


def test_a_members_thread_page_uses_one_csrf_token_that_a_vote_is_accepted_with():
    import re

    from django.test import Client

    author, voter = make_user("author"), make_user("voter", reputation=100)
    question = make_question(author=author)
    make_answer(question=question, author=author)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(voter)
    html = browser.get(question.get_absolute_url()).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) > 2 and len(set(tokens)) == 1  # the log-out form's and the posts'
    vote = browser.post(
        reverse("votes:vote", args=[question.pk]), {"value": "up", "csrfmiddlewaretoken": tokens[0]}
    )
    assert vote.status_code in (200, 302)
