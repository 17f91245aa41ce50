"""Every form-handling view, driven with arbitrary text: never a 5xx, nothing half-stored.

Property-based (hypothesis): Unicode of every plane, NUL bytes, surrogate-free junk, huge and
pathological Markdown, and malformed choices go into each field. A request that is not
carried out (anything but a redirect) must leave every table as it was.
"""

import os
import time

from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from forum.accounts.forms import signup_started_token
from forum.accounts.models import User
from forum.moderation.models import AuditLogEntry, Flag
from forum.posts.models import Post, Revision
from forum.votes.models import Vote
from tests.factories import (
    make_answer,
    make_comment,
    make_established_member,
    make_moderator,
    make_question,
)

EXAMPLES = int(os.environ.get("FORUM_HYPOTHESIS_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

text = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=50).map(lambda s: s * 200),
    st.sampled_from(["\x00", "a\x00b", "²", "١٢", "\ufeff", "\u202e", "", " ", "%00", "0" * 400]),
    st.integers(min_value=1, max_value=12_000).map(lambda n: "[![" * n),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)

TABLES = (Post, Revision, Flag, Vote, AuditLogEntry, User)


class FormFuzzing(TestCase):
    def setUp(self):
        self.author = make_established_member()
        self.member = make_established_member()
        self.moderator = make_moderator()
        self.question = make_question(author=self.author)
        self.answer = make_answer(self.question, author=self.member)
        self.comment = make_comment(self.answer, author=self.member)

    def _counts(self):
        return [model.objects.count() for model in TABLES]

    def _post(self, user, url, data):
        cache.clear()  # each example starts under every rate limit
        if user is None:
            self.client.logout()
        else:
            self.client.force_login(user)
        before = self._counts()
        response = self.client.post(url, data)
        self.assertLess(response.status_code, 500, (url, data))
        if response.status_code != 302:
            self.assertEqual(self._counts(), before, f"half-stored after {url} {data!r}")
        return response

    @FUZZ
    @given(title=text, body=text, tags=text, preview=st.booleans())
    def test_ask(self, title, body, tags, preview):
        data = {"title": title, "body": body, "tags": tags, **({"preview": "1"} if preview else {})}
        self._post(self.member, reverse("questions:ask"), data)

    # The forms that take a Markdown body alone: (who posts, the URL's name, the post it names).
    BODY_FORMS = (
        ("member", "answers:create", "question"),
        ("author", "comments:create", "answer"),
        ("member", "answers:edit", "answer"),
        ("member", "comments:edit", "comment"),
    )

    @settings(FUZZ, max_examples=EXAMPLES * len(BODY_FORMS))
    @given(form=st.sampled_from(BODY_FORMS), body=text, preview=st.booleans())
    def test_body_forms(self, form, body, preview):
        who, url_name, target = form
        url = reverse(url_name, args=[getattr(self, target).pk])
        self._post(getattr(self, who), url, {"body": body, **({"preview": "1"} if preview else {})})

    @FUZZ
    @given(title=text, body=text, tags=text)
    def test_edit_question(self, title, body, tags):
        url = reverse("questions:edit", args=[self.question.pk])
        self._post(self.author, url, {"title": title, "body": body, "tags": tags})

    @FUZZ
    @given(value=text)
    def test_vote(self, value):
        self._post(self.member, reverse("votes:vote", args=[self.question.pk]), {"value": value})

    @FUZZ
    @given(reason=text)
    def test_flag(self, reason):
        self._post(
            self.author, reverse("moderation:flag", args=[self.answer.pk]), {"reason": reason}
        )

    @FUZZ
    @given(act=text, bulk=text, items=st.lists(text, max_size=5), reason=text)
    def test_moderation_action(self, act, bulk, items, reason):
        data = {"act": act, "bulk": bulk, "items": items, "reason": reason}
        self._post(self.moderator, reverse("moderation:act"), data)

    @FUZZ
    @given(reason=text)
    def test_suspend(self, reason):
        url = reverse("moderation:suspend", args=[self.member.username])
        self._post(self.moderator, url, {"reason": reason})

    @FUZZ
    @given(username=text, email=text, password=text, started=st.one_of(text, st.just(None)))
    def test_signup(self, username, email, password, started):
        token = signup_started_token(at=time.time() - 10) if started is None else started
        data = {
            "username": username,
            "email": email,
            "password1": password,
            "password2": password,
            "started": token,
        }
        self._post(None, reverse("accounts:signup"), data)

    @FUZZ
    @given(username=text, password=text)
    def test_login(self, username, password):
        self._post(None, reverse("accounts:login"), {"username": username, "password": password})

    @FUZZ
    @given(username=text, password=text)
    def test_admin_login(self, username, password):
        self._post(None, "/admin/login/", {"username": username, "password": password})

    @FUZZ
    @given(query=text, page=text, sort=text, before=text, tab=text)
    def test_reads_with_arbitrary_parameters(self, query, page, sort, before, tab):
        cache.clear()
        self.client.force_login(self.moderator)
        for url, params in (
            (reverse("questions:search"), {"q": query, "page": page}),
            (reverse("questions:list"), {"sort": sort, "page": page}),
            (reverse("moderation:queue"), {"tab": tab, "before": before}),
            (reverse("moderation:log"), {"page": page}),
        ):
            self.assertLess(self.client.get(url, params).status_code, 500, (url, params))
