"""Names people cannot tell apart: the confusable skeleton of Unicode TR 39.

Two names with one skeleton look alike on screen (`mоd1` with a Cyrillic о and `mod1`,
`admın` with a dotless ı and `admin`, `rn` and `m`), so a username or display name whose
skeleton is another member's username's is refused (forms.py), and each member's is
stored, indexed and unique (User.username_skeleton), so the check is one query and two
sign-ups at once cannot both take a look-alike.

The confusables data is the Unicode Consortium's confusables.txt as the
`confusable_homoglyphs` package ships it (installed, never downloaded at run time). Its table
links each character with its look-alikes both ways; each such group has one prototype that
every member maps to. The name is case-folded between two mappings, as `1`, `l` and `I` look
alike in either case.

A name one letter longer is another name: `adminı` (admin and a dotless ı) reads "admini"
and is not refused beside `admin`, as `admin1` is not.
"""

import unicodedata
from functools import cache

from confusable_homoglyphs.utils import load

_MARK = "\u200e"  # the data wraps right-to-left characters in left-to-right marks


def _preference(text: str) -> tuple:
    """Which look-alike stands for its group: plain ASCII letters first (`rn` for `m`, `l`
    for `1` and `I`), so skeletons of ordinary names read as the names."""
    return (
        not text.isascii(),
        not text.isalpha(),
        -len(text),
        not text.islower(),
        text,
    )


@cache
def _prototypes() -> dict[str, str]:
    parent: dict[str, str] = {}

    def root(text: str) -> str:
        parent.setdefault(text, text)
        while parent[text] != text:
            parent[text] = parent[parent[text]]
            text = parent[text]
        return text

    for source, entries in load("confusables.json").items():
        source = source.replace(_MARK, "")
        for entry in entries:
            target = entry["c"].replace(_MARK, "")
            if source and target:
                first, second = root(source), root(target)
                if first != second:
                    parent[max(first, second, key=_preference)] = min(
                        first, second, key=_preference
                    )
    groups: dict[str, list[str]] = {}
    for text in list(parent):
        groups.setdefault(root(text), []).append(text)
    prototypes = {}
    for members in groups.values():
        prototype = min(members, key=_preference)
        prototypes.update((member, prototype) for member in members if len(member) == 1)
    return prototypes


def _map(text: str) -> str:
    prototypes = _prototypes()
    return "".join(prototypes.get(character, character) for character in text)


def skeleton(name: str) -> str:
    """The form of `name` that every name looking like it shares."""
    text = _map(unicodedata.normalize("NFD", name))
    text = _map(unicodedata.normalize("NFD", text.casefold()))
    return unicodedata.normalize("NFD", text)
