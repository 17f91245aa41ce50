"""Every form-handling view, driven with arbitrary text: never a 5xx, nothing half-stored.

Property-based (hypothesis): Unicode of every plane, NUL bytes, surrogate-free junk, huge and
pathological Markdown, and malformed choices go into each field. A request that is not
carried out (anything but a redirect) must leave every table as it was.
"""

import json
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


# --- Every view that takes a POST, found by walking the URL resolver, with every kind of body.

# Django's own admin is staff-only and not one of the forum's forms; its log-in page is (above).
_NOT_FORUM_FORMS = ("admin/",)
# A URL argument, by name, as the objects `_world` makes name it; any other is 1.
_HUGE = "x" * 3_000_000  # over DATA_UPLOAD_MAX_MEMORY_SIZE
_FIELDS = (
    "title", "body", "tags", "reason", "message", "act", "bulk", "items", "decision", "value",
    "username", "password", "password1", "password2", "email", "started", "display_name",
    "about", "duration", "until", "kind", "pattern", "action", "notification", "preview",
    "form_token", "new_password1", "new_password2", "old_password", "next",
)  # fmt: skip
_JUNK = "\x00<script>²\u202e" + "[![" * 50


def _bodies():
    """(label, content type, raw body) for one request each: every encoding a client can
    send, none at all, and the shapes that once broke a view (repeated and huge fields)."""
    from urllib.parse import urlencode

    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    form = {name: _JUNK for name in _FIELDS}
    repeated = [(name, value) for name in _FIELDS for value in ("1", "", _JUNK)]
    urlencoded = "application/x-www-form-urlencoded"
    return [
        ("empty form", urlencoded, b""),
        ("no content type", "", b""),
        ("form-urlencoded", urlencoded, urlencode(form).encode()),
        ("repeated keys", urlencoded, urlencode(repeated).encode()),
        (
            "invalid UTF-8",
            urlencoded,
            b"body=%FF%FE\xff\xfe&title=\xc3\x28&\xff=1&tags=\xed\xa0\x80",
        ),
        ("huge field", urlencoded, b"body=" + _HUGE.encode()),
        ("many fields", urlencoded, "&".join(f"f{i}=1" for i in range(2000)).encode()),
        ("multipart", MULTIPART_CONTENT, encode_multipart(BOUNDARY, form)),
        ("broken multipart", MULTIPART_CONTENT, b"--" + BOUNDARY.encode() + b"\r\n\xff\xfe"),
        ("JSON", "application/json", json.dumps(form).encode()),
        ("text/plain", "text/plain", b"body=hello\r\ntitle=\xff"),
        ("garbage bytes", "application/octet-stream", bytes(range(256)) * 8),
        ("garbage as form", urlencoded, bytes(range(256)) * 8),
    ]


def _post_routes():
    """Every URL pattern of the forum, with its route and the arguments it captures."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern

    routes = {}
    for route, pattern in walk(get_resolver()):
        if not route.startswith(_NOT_FORUM_FORMS) or route == "admin/login/":
            routes.setdefault(route, pattern)  # a route named twice is served by the first
    return list(routes.items())


def _url(route: str, arguments: dict) -> str:
    import re

    return "/" + re.sub(
        r"<(?:\w+:)?(\w+)>", lambda match: str(arguments.get(match.group(1), 1)), route
    )


FUZZ_TALLY = {"routes": set(), "post_routes": set(), "requests": 0, "5xx": 0}


def _world():
    """One of everything a URL can name, and the arguments naming it."""
    from forum.moderation.models import Fingerprint
    from forum.posts.models import Status
    from forum.watchlist.models import WatchedPattern

    author, member, moderator = (
        make_established_member(),
        make_established_member(),
        make_moderator(),
    )
    question = make_question(author=author)
    answer = make_answer(question, author=member)
    comment = make_comment(answer, author=member)
    revision = Revision.objects.create(post=answer, number=1000, editor=member, body="Before.")
    held = [make_answer(question, status=Status.HELD) for _ in range(3)]
    for post in held:
        Fingerprint.objects.create(key="campaign-key", post=post, thread=question)
    pattern = WatchedPattern.objects.create(
        kind=WatchedPattern.Kind.WORD, pattern="casino", action="hold", created_by=moderator
    )
    arguments = {
        "post_id": answer.pk,
        "question_id": question.pk,
        "slug": "a-slug",
        "revision_id": revision.pk,
        "campaign_id": held[0].pk,
        "pattern_id": pattern.pk,
        "username": member.username,
        "name": "battles",
        "token": "junk-token",
        "uidb64": "MQ",
        "draft_id": "junk-draft",
    }
    roles = {"anonymous": None, "member": member, "moderator": moderator}
    return arguments, roles, {"comment": comment}


# Over the limits a view refuses before reading the body: the shapes of form are enough there.
_OVER_LIMIT_BODIES = {"empty form", "no content type", "form-urlencoded", "multipart", "JSON"}


def _fuzz_every_post_view(client, *, passes: str) -> list:
    """POST every body to every route as each role; return what answered 5xx."""
    arguments, roles, _ = _world()
    failures = []
    for route, pattern in _post_routes():
        url = _url(route, {**arguments, **pattern.default_args})
        FUZZ_TALLY["routes"].add(route)
        took_post = False
        # Only the account pages (log-in, log-out, password change) change who is logged in.
        relog_each_time = route.startswith("accounts/")
        for role, user in roles.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            for label, content_type, body in _bodies():
                if passes == "under the limits":
                    cache.clear()
                elif label not in _OVER_LIMIT_BODIES:
                    continue
                if relog_each_time:
                    client.logout()
                    if user is not None:
                        client.force_login(user)
                try:
                    response = client.generic("POST", url, body, content_type=content_type)
                    status = response.status_code
                except Exception as error:
                    status = 500
                    response = error
                FUZZ_TALLY["requests"] += 1
                took_post |= status != 405
                if status >= 500:
                    FUZZ_TALLY["5xx"] += 1
                    failures.append((passes, route, role, label, status, repr(response)[:300]))
        if took_post:
            FUZZ_TALLY["post_routes"].add(route)
    return failures


def test_every_view_taking_a_post_answers_every_body_without_a_5xx(client, db):
    """Form-urlencoded, multipart, JSON, text/plain, garbage bytes, no body, huge and repeated
    fields, invalid UTF-8: as a reader, a member and a moderator, never a 5xx."""
    failures = _fuzz_every_post_view(client, passes="under the limits")
    assert len(FUZZ_TALLY["post_routes"]) >= 30  # the walk found the forms, not an empty list
    assert not failures, "\n".join(map(repr, failures))


def test_every_view_taking_a_post_answers_every_body_over_its_rate_limit_without_a_5xx(
    client, db, settings
):
    """Over every rate limit (where an empty form once met `add_error`: a 500)."""
    settings.FORUM_RATE_LIMITS = {
        group: {key: "0/m" for key in limits}
        for group, limits in settings.FORUM_RATE_LIMITS.items()
    }
    failures = _fuzz_every_post_view(client, passes="over the limits")
    assert not failures, "\n".join(map(repr, failures))
