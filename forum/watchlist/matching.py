"""What a watched pattern may be, and matching a post against the watch list: its text, its
author's e-mail domain and the address it came from.

Moderators keep the list on its page (`/moderation/watchlist/`, moderation/tool_views.py);
the intake (moderation/intake.py) checks every new post and every member's edit against it
and holds, hides or refuses the post, naming the pattern in the audit log.

Patterns are literal or globs: `*` stands for any run of characters, `?` for one; nothing
else is special and square brackets are refused (`clean_pattern`), so a moderator can never
write a regular expression that takes seconds to match. Globs are compiled with
`fnmatch.translate`, whose expressions match in linear time (Python 3.9+, bpo-40480), and
are only ever matched against one word, one host name or one address, never a whole post.
"""

import fnmatch
import ipaddress
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from forum.posts.models import Status

from .models import WatchedPattern

Kind = WatchedPattern.Kind
Do = WatchedPattern.Action


# Words as members write them: letters and digits, with inner apostrophes and hyphens.
WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Candidate host names: runs of letters, digits, dots and hyphens (checked label by label
# below rather than by one clever expression).
HOST_RUN = re.compile(r"[\w.-]+")
WILDCARDS = set("*?")
MIN_LITERAL = 2  # "*" or "a*" alone would match nearly every post

SEVERITY = {Do.HOLD: 1, Do.HIDE: 2, Do.BLOCK: 3}
STATUS_FOR_ACTION = {Do.HOLD: Status.HELD, Do.HIDE: Status.SPAM}
STATUS_RANK = {Status.VISIBLE: 0, Status.HELD: 1, Status.SPAM: 2}


def _refuse(message: str):
    raise ValidationError(message, code="bad_pattern")


def _check_word(word: str, *, what: str = "A word") -> None:
    if not re.fullmatch(r"[\w'’*?-]+", word):
        _refuse(
            f"{what} may hold only letters, digits, ' and - (and * or ?): “{word}”. "
            "Watch a link as a domain."
        )


def _check_host(host: str, *, what: str) -> str:
    host = host.removeprefix("http://").removeprefix("https://").removeprefix("@").strip(".")
    if "/" in host or "@" in host or ":" in host:
        _refuse(f"{what}: give the domain alone, like spam.example, without http:// or a path.")
    if "." not in host or not re.fullmatch(r"[\w.*?-]+", host):
        _refuse(f"{what}: “{host}” is not a domain name like spam.example or *.example.")
    return host


def _check_ip(address: str) -> str:
    if not re.fullmatch(r"[0-9a-f.:*?]+", address):
        _refuse(f"“{address}” is not a network address like 203.0.113.7 or 203.0.113.*.")
    if WILDCARDS.isdisjoint(address):
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            _refuse(f"“{address}” is not a network address like 203.0.113.7 or 203.0.113.*.")
    return address


def clean_pattern(kind: str, raw: str) -> str:
    """The pattern as stored (lower case, single spaces), or ValidationError saying what is
    wrong with it."""
    pattern = " ".join(raw.split()).casefold()
    if kind not in Kind.values:
        _refuse("Choose what kind of pattern this is.")
    if not pattern:
        _refuse("Write the pattern to watch for.")
    if len(pattern) > 100:
        _refuse("A pattern has at most 100 characters.")
    if "[" in pattern or "]" in pattern:
        _refuse("Square brackets are not supported: use * for any characters and ? for one.")
    if sum(char not in WILDCARDS and char not in " .-" for char in pattern) < MIN_LITERAL:
        _refuse("The pattern needs at least two letters or digits, or it would match everything.")
    if kind == Kind.WORD:
        if " " in pattern:
            _refuse("A word has no spaces; watch a phrase instead.")
        _check_word(pattern)
    elif kind == Kind.PHRASE:
        if " " not in pattern:
            _refuse("A phrase has at least two words; watch a single word as a word.")
        for word in pattern.split(" "):
            _check_word(word, what="Each word of a phrase")
    elif kind in (Kind.DOMAIN, Kind.EMAIL_DOMAIN):
        pattern = _check_host(pattern, what=Kind(kind).label)
    else:
        pattern = _check_ip(pattern)
    return pattern


@dataclass(frozen=True)
class Match:
    """A watched pattern found in a post, and what it found."""

    kind: str
    pattern: str
    action: str
    found: str

    @property
    def status(self) -> str | None:
        """The status the post gets (None for a refused post)."""
        return STATUS_FOR_ACTION.get(self.action)

    def log_reason(self) -> str:
        """For the audit log: which pattern, in moderators' words."""
        label = Kind(self.kind).label.lower()
        return f"Watched {label} “{self.pattern}” matched “{self.found}”"[:300]

    def member_message(self) -> str:
        """Why a refused post was refused, for its author."""
        if self.kind == Kind.EMAIL_DOMAIN:
            return (
                f"Posts from accounts with an e-mail address at {self.found} are not accepted "
                "here. Nothing was saved; contact the moderators if you think this is a mistake."
            )
        if self.kind == Kind.IP:
            return (
                "Posts from your network address are not accepted here. Nothing was saved; "
                "contact the moderators if you think this is a mistake."
            )
        what = "a link to " if self.kind == Kind.DOMAIN else ""
        return (
            f"Your post was not saved because it contains {what}“{self.found}”, which is not "
            "allowed here. Change that part and send it again."
        )

    def member_note(self) -> str:
        """Why a held or hidden post is out of view, for its author, in words that match what
        happened to it (no pattern: it would help a spammer route around it)."""
        if self.status == Status.SPAM:
            return "It contains a word, link or address that is not allowed here."
        return "It contains a word, link or address the moderators review before publishing."


def _glob(pattern: str):
    """A matcher for one pattern: equality for a literal, a compiled glob otherwise."""
    if WILDCARDS.isdisjoint(pattern):
        return pattern.__eq__
    return re.compile(fnmatch.translate(pattern)).match


def _hosts(text: str) -> set[str]:
    """Host names written in the text, as links or bare (spam.example, www.spam.example)."""
    hosts = set()
    for run in HOST_RUN.findall(text.casefold()):
        host = run.strip(".-_")
        labels = host.split(".")
        if len(labels) >= 2 and all(labels) and labels[-1].isalpha() and len(labels[-1]) >= 2:
            hosts.add(host)
    return hosts


def _suffixes(host: str) -> list[str]:
    """The host and each parent domain: a watched domain covers its subdomains."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


class Watchlist:
    """The compiled list, checked once per post."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        self.size = len(rows)
        self.rules: dict[str, list] = {kind: [] for kind in Kind.values}
        for kind, pattern, action in rows:
            if kind == Kind.PHRASE:
                matcher = [_glob(word) for word in pattern.split(" ")]
            else:
                matcher = _glob(pattern)
            self.rules[kind].append((pattern, action, matcher))

    def check(self, *, text: str, email: str = "", ip: str = "") -> Match | None:
        """The most severe watched pattern in a post's text, its author's e-mail domain or the
        address it came from; None when nothing is watched for."""
        if not self.size:
            return None
        found = []
        words = [word.casefold() for word in WORD.findall(text)]
        if self.rules[Kind.WORD]:
            distinct = set(words)
            for pattern, action, matches in self.rules[Kind.WORD]:
                # A literal is one set lookup; only globs are tried word by word.
                if WILDCARDS.isdisjoint(pattern):
                    hit = pattern if pattern in distinct else None
                else:
                    hit = next((word for word in distinct if matches(word)), None)
                if hit:
                    found.append(Match(Kind.WORD, pattern, action, hit))
        for pattern, action, matchers in self.rules[Kind.PHRASE]:
            hit = _find_phrase(words, matchers)
            if hit:
                found.append(Match(Kind.PHRASE, pattern, action, hit))
        if self.rules[Kind.DOMAIN]:
            found += self._hosts_found(Kind.DOMAIN, _hosts(text))
        domain = email.rpartition("@")[2].casefold()
        if domain and self.rules[Kind.EMAIL_DOMAIN]:
            found += self._hosts_found(Kind.EMAIL_DOMAIN, {domain})
        if ip:
            for pattern, action, matches in self.rules[Kind.IP]:
                if matches(ip.casefold()):
                    found.append(Match(Kind.IP, pattern, action, ip))
        return max(found, key=lambda match: SEVERITY[match.action], default=None)

    def _hosts_found(self, kind: str, hosts: set[str]) -> list[Match]:
        found = []
        for pattern, action, matches in self.rules[kind]:
            hit = next((host for host in hosts if any(map(matches, _suffixes(host)))), None)
            if hit:
                found.append(Match(kind, pattern, action, hit))
        return found


def _find_phrase(words: list[str], matchers: list) -> str:
    """The first run of words matching the phrase word for word, joined; "" when none."""
    size = len(matchers)
    for start in range(len(words) - size + 1):
        if all(matches(words[start + i]) for i, matches in enumerate(matchers)):
            return " ".join(words[start : start + size])
    return ""


def stricter(status: str, match: Match | None) -> str:
    """The stricter of a screening's status and what a watched pattern asks for."""
    if match is None or match.status is None:
        return status
    return max(status, match.status, key=STATUS_RANK.__getitem__)
