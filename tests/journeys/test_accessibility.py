"""axe-core finds no serious or critical accessibility violation on any page type, for anyone.

Every page type is loaded in Debian's Chromium as each of four people sees it: a reader who is
not logged in, a member who has just signed up, a member whose answer and comment are held for
review, and a moderator. axe-core (npm package, `make install`) is injected into each page and
run; its serious and critical violations are counted in a table (page type x person), which is
printed at the end of the run and written to artifacts/accessibility.txt, and the test fails on
any, naming each rule, element and how to fix it.

This test measures pages, it is not a journey: people are logged in by setting their session
cookie, and axe is injected with a script.

Skipped when node_modules/axe-core is missing (run `make install`), unless
FORUM_REQUIRE_BROWSER is set, as for Chromium itself (tests/browser.py).
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import has_left, start_chromium
from tests.factories import (
    PASSWORD,
    make_answer,
    make_comment,
    make_established_member,
    make_moderator,
    make_question,
    make_user,
)
from tests.journeys.conftest import ACCESSIBILITY_TABLE

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
if not AXE.exists():
    if os.environ.get("FORUM_REQUIRE_BROWSER"):
        raise RuntimeError(f"FORUM_REQUIRE_BROWSER is set but {AXE} is missing (make install)")
    pytest.skip("axe-core is not installed (make install)", allow_module_level=True)

REPORT = ROOT / "artifacts" / "accessibility.txt"
COUNTED = ("serious", "critical")

ANONYMOUS, NEWCOMER, HELD_AUTHOR, MODERATOR = "anonymous", "new member", "held author", "moderator"
ROLES = (ANONYMOUS, NEWCOMER, HELD_AUTHOR, MODERATOR)
MEMBERS = (NEWCOMER, HELD_AUTHOR, MODERATOR)
EVERYONE = ROLES

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(
  (results) => done(results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((node) => node.target.join(' ') + ': '
      + [...node.any, ...node.all, ...node.none].map((check) => check.message).join('; ')),
  }))),
  (error) => done([{id: 'axe-error', impact: 'critical', help: String(error), targets: []}]),
);
"""

pytestmark = pytest.mark.django_db(transaction=True)


def _build_forum():
    """Besides the seed: a thread with an accepted answer and held posts (one appealed), a
    flagged, a hidden and a revised post, a campaign, a watched word, a notification; and the
    four people."""
    from forum.answers.services import accept_answer
    from forum.moderation import appeals, decisions, flags, watching
    from forum.moderation.intake import revise_post
    from forum.moderation.models import Fingerprint
    from forum.notifications.services import notify_new_post
    from forum.posts.models import Post, Status, Tag
    from forum.watchlist.models import WatchedPattern

    seeded = Post.objects.get(kind="question", pk=1)
    moderator = make_moderator("axe-moderator")
    newcomer = make_user("axe-newcomer")
    held_author = make_user("axe-held-author", date_joined=timezone.now() - timedelta(days=3))
    asker = make_established_member("axe-asker")

    question = make_question(asker, title="Which river did the armoured columns cross first?")
    question.tags.add(Tag.objects.get(name="battles"))
    visible = make_answer(question, make_established_member("axe-answerer"))
    accept_answer(answer=visible, by=asker)
    held = {
        "status": Status.HELD,
        "status_reason": "Held for review: short reply sharing few words with the thread",
        "spam_reasons": [{"code": "short", "message": "Short reply", "weight": 1.2}],
    }
    held_answer = make_answer(question, held_author, body="The Khalkha, I think.", **held)
    held_comment = make_comment(visible, held_author, body="Thanks, this helps!", **held)
    appeals.appeal_post(author=held_author, post=held_answer, message="It answers the question.")
    revise_post(editor=held_author, post=held_answer, body="The Khalkha river, from the east.")
    revise_post(
        editor=asker,
        post=question,
        title=question.title,
        body=question.body + "\n\nEdited: which crossing came first?",
        tag_names=["battles"],
    )
    notify_new_post(make_comment(held_answer, asker, body="Which bank, @axe-held-author?"))
    # More comments than a thread shows at first, and thanks folded away.
    for n in range(6):
        make_comment(visible, make_user(f"axe-reader-{n}"), body=f"Source {n}: Coox, Nomonhan.")
    make_comment(visible, make_established_member("axe-thanks"), body="Thanks!", is_chatter=True)

    flags.flag_post(user=make_established_member("axe-flagger"), post=visible, reason="rude")
    hidden = make_comment(question, make_user("axe-rude"), body="Nobody cares about this.")
    decisions.hide_post(moderator=moderator, post=hidden, reason="Rude")
    spammer = make_user("axe-spammer")
    for thread in (seeded, question, seeded):
        spam = make_comment(thread, spammer, body="Write to me in PM, we will handle it.", **held)
        Fingerprint.objects.create(key="axe-campaign", post=spam, thread=thread)
    watching.watch_pattern(
        moderator=moderator,
        kind=WatchedPattern.Kind.WORD,
        pattern="casino",
        action=WatchedPattern.Action.HOLD,
        note="Seen in a spam run",
    )
    from forum.moderation.campaigns import list_campaigns

    (campaign,) = list_campaigns()
    people = {ANONYMOUS: None, NEWCOMER: newcomer, HELD_AUTHOR: held_author, MODERATOR: moderator}
    return people, {
        "seeded": seeded,
        "question": question,
        "held_answer": held_answer,
        "held_comment": held_comment,
        "campaign": campaign,
        "reset_link": _password_reset_link(newcomer),
    }


def _password_reset_link(user) -> str:
    """The address a password reset e-mail gives `user`."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", args=[uid, token])


def _pages(data) -> list[tuple[str, str, tuple[str, ...]]]:
    """(page type, path, who looks at it): everyone sees what they can reach."""
    queue = reverse("moderation:queue")
    question, answer, comment = data["question"], data["held_answer"], data["held_comment"]
    return [
        ("question list", reverse("questions:list"), EVERYONE),
        ("thread (seeded)", data["seeded"].get_absolute_url(), EVERYONE),
        ("thread with held posts", question.get_absolute_url(), EVERYONE),
        ("tag page", reverse("questions:tag", args=["battles"]), EVERYONE),
        ("search results", reverse("questions:search") + "?q=soviet+armour", EVERYONE),
        ("profile", reverse("questions:profile", args=["axe-held-author"]), EVERYONE),
        ("tags list", reverse("questions:tags"), EVERYONE),
        ("members list", reverse("questions:users"), EVERYONE),
        ("help: Markdown", reverse("help:markdown"), EVERYONE),
        ("help: privileges", reverse("help:privileges"), EVERYONE),
        ("revisions", reverse("posts:revisions", args=[question.pk]), EVERYONE),
        (
            "revisions of a held answer",
            reverse("posts:revisions", args=[answer.pk]),
            (HELD_AUTHOR, MODERATOR),
        ),
        ("log in", reverse("accounts:login"), (ANONYMOUS,)),
        ("sign up", reverse("accounts:signup"), (ANONYMOUS,)),
        ("password reset", reverse("accounts:password_reset"), (ANONYMOUS,)),
        ("password reset: sent", reverse("accounts:password_reset_done"), (ANONYMOUS,)),
        ("password reset: new password", data["reset_link"], (ANONYMOUS,)),
        ("password reset: bad link", data["reset_link"][:-4] + "bad/", (ANONYMOUS,)),
        ("password reset: done", reverse("accounts:password_reset_complete"), (ANONYMOUS,)),
        ("profile settings", reverse("accounts:settings"), MEMBERS),
        ("API tokens", reverse("accounts:api_tokens"), MEMBERS),
        ("password change", reverse("accounts:password_change"), MEMBERS),
        ("password change: done", reverse("accounts:password_change_done"), MEMBERS),
        ("ask", reverse("questions:ask"), MEMBERS),
        ("question edit", reverse("questions:edit", args=[question.pk]), (MODERATOR,)),
        ("answer edit", reverse("answers:edit", args=[answer.pk]), (HELD_AUTHOR, MODERATOR)),
        ("comment edit", reverse("comments:edit", args=[comment.pk]), (HELD_AUTHOR, MODERATOR)),
        ("inbox", reverse("notifications:inbox"), MEMBERS),
        ("queue: held", queue + "?tab=held", (MODERATOR,)),
        ("queue: flagged", queue + "?tab=flagged", (MODERATOR,)),
        ("queue: spam", queue + "?tab=spam", (MODERATOR,)),
        ("queue: hidden", queue + "?tab=hidden", (MODERATOR,)),
        ("queue: campaigns", queue + "?tab=campaigns", (MODERATOR,)),
        ("campaign", reverse("moderation:campaign", args=[data["campaign"].id]), (MODERATOR,)),
        ("watched words", reverse("moderation:watchlist"), (MODERATOR,)),
        ("dry run", reverse("moderation:dry_run") + "?low_value=0.3", (MODERATOR,)),
        ("audit log", reverse("moderation:log"), (MODERATOR,)),
        ("403 page", queue, (NEWCOMER,)),
        ("refused (draft not kept)", reverse("core:resume_draft", args=["gone"]), MEMBERS),
        ("404 page", "/no-such-page/", EVERYONE),
    ]


def _log_in(driver, base_url: str, user) -> None:
    driver.get(base_url + "/static/forum/css/forum.css")
    driver.delete_all_cookies()
    if user is not None:
        client = Client()
        client.force_login(user)
        driver.add_cookie({"name": "sessionid", "value": client.cookies["sessionid"].value})


class Audit:
    """Runs axe on the page the browser shows and keeps what it found, by page type and person."""

    def __init__(self, driver):
        self.driver = driver
        self.axe_source = AXE.read_text()
        self.counts: dict[tuple[str, str], int] = {}
        self.failures: list[str] = []

    def measure(self, page: str, role: str) -> None:
        self.driver.execute_script(self.axe_source)
        found = [v for v in self.driver.execute_async_script(RUN_AXE) if v["impact"] in COUNTED]
        self.counts[page, role] = sum(len(v["targets"]) or 1 for v in found)
        path = self.driver.current_url
        self.failures += [
            f"{page} as {role} ({path}): {v['id']} [{v['impact']}] {v['help']}\n    "
            + "\n    ".join(v["targets"])
            for v in found
        ]


def _send(driver, button_text: str, *, then: str, **fields) -> None:
    """Fill in the form's fields by name and press its button; the next page is titled `then`."""
    for name, value in fields.items():
        driver.find_element(By.NAME, name).send_keys(value)
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, f"//button[normalize-space()='{button_text}']").click()
    WebDriverWait(driver, 10).until(has_left(page))
    assert driver.title.startswith(then), driver.title


def _measure_pages_reached_by_a_form(audit: Audit, base_url: str, people) -> list[str]:
    """The pages only a sent form leads to; returns their page types, in order."""
    driver = audit.driver
    # The browser lost its cookies while the log-in page was open.
    _log_in(driver, base_url, None)
    driver.get(base_url + reverse("accounts:login"))
    driver.delete_all_cookies()
    _send(driver, "Log in", then="Form not sent", username="axe-newcomer", password=PASSWORD)
    audit.measure("form not sent (cookies)", ANONYMOUS)
    # The session ended while the member wrote; they log in again and get their text back.
    _log_in(driver, base_url, people[NEWCOMER])
    driver.get(base_url + reverse("questions:ask"))
    driver.delete_cookie("sessionid")
    _send(
        driver,
        "Post your question",
        then="You were logged out",
        title="Why did the river crossing fail in July?",
        body="The Japanese crossed the Khalkha on 3 July and were back across it two days later.",
    )
    audit.measure("logged out while writing", NEWCOMER)
    driver.find_element(By.LINK_TEXT, "Log in again to post").click()
    _send(driver, "Log in", then="Send your text", username="axe-newcomer", password=PASSWORD)
    audit.measure("text kept over a log-in", NEWCOMER)
    return ["form not sent (cookies)", "logged out while writing", "text kept over a log-in"]


def _table(counts: dict[tuple[str, str], int], page_types: list[str]) -> str:
    """Elements with a serious or critical violation; "-" where that person cannot go."""
    width = max(len(page) for page in page_types)

    def row(name: str, cells: list) -> str:
        return f"{name:<{width}}  " + "  ".join(
            f"{'-' if cell is None else cell:>11}" for cell in cells
        )

    header = row("page type", ROLES) + f"  {'total':>6}"
    lines = [header, "-" * len(header)]
    for page in page_types:
        cells = [counts.get((page, role)) for role in ROLES]
        lines.append(row(page, cells) + f"  {sum(n or 0 for n in cells):>6}")
    lines.append("-" * len(header))
    totals = [sum(n for (_, r), n in counts.items() if r == role) for role in ROLES]
    lines.append(row("total", totals) + f"  {sum(totals):>6}")
    return "\n".join(lines)


def test_no_page_has_a_serious_or_critical_accessibility_violation(live_server, seeded, request):
    people, data = _build_forum()
    pages = _pages(data)
    driver = start_chromium()
    driver.set_script_timeout(60)
    audit = Audit(driver)
    try:
        for role in ROLES:
            _log_in(driver, live_server.url, people[role])
            for page, path, roles in pages:
                if role in roles:
                    driver.get(live_server.url + path)
                    audit.measure(page, role)
        page_types = [page for page, _, _ in pages]
        page_types += _measure_pages_reached_by_a_form(audit, live_server.url, people)
    finally:
        driver.quit()

    table = _table(audit.counts, page_types)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(
        "axe-core: serious and critical violations (elements) per page type and person\n\n"
        + table
        + ("\n\n" + "\n".join(audit.failures) if audit.failures else "")
        + "\n"
    )
    request.config.stash.setdefault(ACCESSIBILITY_TABLE, []).append(table)
    assert not audit.failures, f"{len(audit.failures)} rule(s) failed:\n" + "\n".join(
        audit.failures
    )
