"""Parse a scraped copy of a Q&A page into a question, its answers and its comments.

Scraped pages carry no markup for where one answer ends and the next begins, so the caller
names the opening words of each answer; everything else (boilerplate, bullets, headings,
the numbered comment list) is recognised here.
"""

import re
from dataclasses import dataclass, field

# Lines the scraper added around the real content; whole paragraphs starting with these go.
BOILERPLATE_PREFIXES = (
    "We are searching data for your request",
    "Forums and discussions:",
    "Manuals and reference books:",
    "Data from registers:",
    "Wait the end of the search in all databases",
    "Upon completion, a link will appear",
    "Watch the video",
    "Write a message",
)
BULLET = re.compile(r"^\s*[•●▪]\s*")
COMMENT_AUTHOR = re.compile(r"^\s+\d+\.\s+(\S.*)$")
HEADING_MAX_LENGTH = 40


@dataclass
class ScrapedComment:
    author: str
    body: str


@dataclass
class ScrapedThread:
    title: str
    question: str
    answers: list[str] = field(default_factory=list)
    comments: list[ScrapedComment] = field(default_factory=list)


def _is_boilerplate(paragraph: str) -> bool:
    return paragraph.strip().startswith(BOILERPLATE_PREFIXES)


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _to_markdown(paragraph: list[str]) -> str:
    if all(BULLET.match(line) for line in paragraph):
        return "\n".join(BULLET.sub("- ", line) for line in paragraph)
    text = " ".join(line.strip() for line in paragraph)
    if len(text) <= HEADING_MAX_LENGTH and not text.endswith((".", "?", "!", ":", ")")):
        return f"### {text}"
    return text


def parse_scraped_thread(text: str, *, answer_starts: list[str]) -> ScrapedThread:
    """Split the page; raise ValueError naming any answer opening that is not found."""
    lines = text.splitlines()
    title = lines[0].strip()
    body_lines, comment_lines = lines[1:], []
    for index, line in enumerate(lines):
        if COMMENT_AUTHOR.match(line):
            body_lines, comment_lines = lines[1:index], lines[index:]
            break

    blocks: list[list[str]] = [[]]  # question first, then one block per answer
    remaining = list(answer_starts)
    for paragraph in _paragraphs(body_lines):
        joined = " ".join(line.strip() for line in paragraph)
        if joined == title or _is_boilerplate(joined):
            continue
        if remaining and joined.startswith(remaining[0]):
            remaining.pop(0)
            blocks.append([])
        blocks[-1].append(_to_markdown(paragraph))
    if remaining:
        raise ValueError(f"Answer opening not found in order: {remaining[0]!r}")

    # The comment list alternates "  1. Author" lines with indented paragraphs of text.
    comments: list[ScrapedComment] = []
    for paragraph in _paragraphs(comment_lines):
        joined = " ".join(line.strip() for line in paragraph)
        author = COMMENT_AUTHOR.match(paragraph[0])
        if author is not None:
            comments.append(ScrapedComment(author=author.group(1).strip(), body=""))
        elif comments and not _is_boilerplate(joined):
            comments[-1].body = f"{comments[-1].body}\n\n{joined}".strip()

    return ScrapedThread(
        title=title,
        question="\n\n".join(blocks[0]),
        answers=["\n\n".join(block) for block in blocks[1:]],
        comments=comments,
    )
