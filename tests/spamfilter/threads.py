"""One ordinary thread to post test replies into, and a builder for such replies."""

from __future__ import annotations

from forum.spamfilter import AuthorFacts, Reply

TITLE = "Why does my bike chain wear out so fast?"
BODY = (
    "I ride about 150 km per week on a road bike with an 11-speed drivetrain. The shop says "
    "my chain is worn after only 2000 km and the cassette will need replacing too. Is that "
    "normal, and how should I measure chain wear myself?"
)
ANSWER = (
    "Measure wear with a chain checker instead of counting kilometres. For 11-speed, replace "
    "the chain at 0.5% elongation; if you wait until 1% the worn chain will have worn the "
    "cassette and chainrings as well. Clean and lubricate the drivetrain every few weeks."
)


def reply(text: str, kind: str = "comment", **overrides) -> Reply:
    """A reply in the bike-chain thread, commenting on its answer unless told otherwise."""
    fields = {
        "text": text,
        "kind": kind,
        "thread_title": TITLE,
        "thread_body": BODY,
        "parent_text": ANSWER if kind == "comment" else "",
        "author": AuthorFacts(),
    }
    fields.update(overrides)
    return Reply(**fields)
