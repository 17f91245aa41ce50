"""What a watched pattern may be, and the form moderators add one with."""

import ipaddress
import re

from django import forms
from django.core.exceptions import ValidationError

from forum.core.forms import bare_helper

from .matching import WILDCARDS
from .models import WatchedPattern

Kind = WatchedPattern.Kind
MIN_LITERAL = 2  # "*" or "a*" alone would match nearly every post


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


class WatchForm(forms.Form):
    kind = forms.ChoiceField(choices=WatchedPattern.Kind.choices)
    pattern = forms.CharField(
        max_length=200,
        strip=True,
        help_text="Literal, or a glob: * for any characters, ? for one. Not case-sensitive.",
    )
    action = forms.ChoiceField(choices=WatchedPattern.Action.choices)
    note = forms.CharField(max_length=200, required=False, strip=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page writes the <form> and its button; crispy's own <form> would nest in it.
        self.helper = bare_helper()

    def clean(self):
        cleaned = super().clean()
        if "kind" in cleaned and "pattern" in cleaned:
            try:
                cleaned["pattern"] = clean_pattern(cleaned["kind"], cleaned["pattern"])
            except forms.ValidationError as error:
                self.add_error("pattern", error)
        return cleaned
