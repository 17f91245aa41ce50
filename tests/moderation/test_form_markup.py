"""Every form a page renders can be submitted by a browser (issue 17: the watched-words form
nested crispy's <form> inside the page's, so its button sent nothing).

Each page with a form is rendered as the person who sees it would see it, with data enough
to show every partial, and read as a browser reads it (tests/html_forms.py): no <form>
inside another, no submit button that belongs to no form, no disabled control whose value
the server would miss. Kept here because the moderation pages have the most forms.
"""

import pytest
from django.urls import reverse

from forum.moderation import appeals, flags
from forum.moderation.intake import revise_post
from forum.moderation.spam import record_fingerprints
from forum.posts.models import Status
from tests.factories import (
    ANSWER_BODY,
    make_answer,
    make_comment,
    make_established_member,
    make_moderator,
    make_question,
    make_user,
)
from tests.html_forms import parse_forms

pytestmark = pytest.mark.django_db

SPAM = "Cheap replica watches at bestwatch.example, have a look today, great thread!"


@pytest.fixture
def world(db):
    asker = make_established_member("asker")
    author = make_user("author")
    reader = make_established_member("reader")
    question = make_question(author=asker)
    answer = make_answer(question)
    comment = make_comment(answer, author=reader)
    held = make_answer(question, author=author, status=Status.HELD)
    make_comment(question, author=author, status=Status.SPAM)
    appeals.appeal_post(author=author, post=held, message="This is a real answer, honestly.")
    flags.flag_post(user=reader, post=answer, reason="rude")
    revise_post(editor=asker, post=question, body=question.body + " Edited for clarity.")
    for thread in (make_question() for _ in range(3)):
        record_fingerprints(make_comment(thread, body=SPAM, status=Status.HELD))
    return {
        "asker": asker,
        "author": author,
        "reader": reader,
        "moderator": make_moderator("mod"),
        "question": question,
        "answer": answer,
        "held": held,
        "comment": comment,
    }


def _pages(world):
    """(who, method, url, data) for every page that shows a form, and the error pages that
    show one again."""
    question, answer, held = world["question"], world["answer"], world["held"]
    from forum.moderation.campaigns import list_campaigns

    campaign = list_campaigns()[0]
    thread = question.get_absolute_url()
    ask = reverse("questions:ask")
    answer_url = reverse("answers:create", args=[question.pk])
    comment_url = reverse("comments:create", args=[answer.pk])
    watchlist = reverse("moderation:watchlist")
    return [
        (None, "get", thread, None),
        (None, "get", reverse("questions:list"), None),
        (None, "get", reverse("questions:search") + "?q=river", None),
        (None, "get", reverse("accounts:login"), None),
        (None, "get", reverse("accounts:signup"), None),
        (None, "get", reverse("accounts:password_reset"), None),
        (None, "get", reverse("questions:tags"), None),
        (None, "get", reverse("questions:users"), None),
        ("asker", "get", reverse("accounts:settings"), None),
        ("asker", "get", reverse("accounts:password_change"), None),
        ("asker", "get", thread, None),
        ("asker", "get", ask, None),
        ("asker", "post", ask, {"title": "", "body": ""}),
        ("asker", "post", ask, {"title": "Why the river?", "body": ANSWER_BODY, "preview": "1"}),
        ("asker", "get", reverse("questions:edit", args=[question.pk]), None),
        ("asker", "get", reverse("posts:revisions", args=[question.pk]), None),
        ("asker", "get", reverse("notifications:inbox"), None),
        ("author", "get", thread, None),
        ("author", "post", answer_url, {"body": ""}),
        ("author", "post", answer_url, {"body": ANSWER_BODY, "preview": "1"}),
        ("author", "get", reverse("answers:edit", args=[held.pk]), None),
        ("reader", "get", thread, None),
        ("reader", "post", comment_url, {"body": ""}),
        ("reader", "get", reverse("comments:edit", args=[world["comment"].pk]), None),
        ("moderator", "get", thread, None),
        ("moderator", "get", reverse("posts:revisions", args=[question.pk]), None),
        ("moderator", "get", reverse("questions:profile", args=["author"]), None),
        *(
            ("moderator", "get", f"{reverse('moderation:queue')}?tab={tab}", None)
            for tab in ("held", "flagged", "spam", "hidden", "campaigns")
        ),
        ("moderator", "get", reverse("moderation:campaign", args=[campaign.id]), None),
        ("moderator", "get", reverse("moderation:log"), None),
        ("moderator", "get", watchlist, None),
        ("moderator", "post", watchlist, {"kind": "word", "pattern": "*", "action": "hold"}),
        ("moderator", "get", reverse("moderation:dry_run") + "?low_value=0.2", None),
    ]


def test_no_page_nests_a_form_or_strands_a_button(client, world):
    problems = []
    for who, method, url, data in _pages(world):
        client.logout()
        if who is not None:
            client.force_login(world[who])
        response = getattr(client, method)(url, data or {})
        assert response.status_code in (200, 400), (who, url, response.status_code)
        parsed = parse_forms(response.text)
        assert parsed.forms, f"{url} as {who} shows no form"
        where = f"{method.upper()} {url} as {who or 'a visitor'}"
        problems += [f"{where}: <form> inside a form at line {line}" for line in parsed.nested]
        problems += [f"{where}: button {text!r} in no form" for text in parsed.orphan_buttons]
        problems += [
            f"{where}: disabled {name!r} in the form at line {form.line}"
            for form in parsed.forms
            for name in form.disabled_names
        ]
    assert problems == []


def test_the_checker_sees_a_nested_form_and_a_stranded_button():
    parsed = parse_forms(
        '<form method="post"><form method="post"><input name="a"></form>'
        '<button type="submit">Go</button></form>'
        '<form><input name="b" disabled></form>'
    )
    assert parsed.nested == [1]
    assert parsed.orphan_buttons == ["line 1"]
    assert parsed.forms[-1].disabled_names == ["b"]
