"""Atom and RSS feeds of the newest questions, of a tag's questions and of a thread's replies.

A feed is the same document for everyone who fetches it: feed readers send no cookies, and the
shared page cache stores it. So every feed reads as an anonymous reader would, through the one
visibility rule: a held, spam or hidden post (or one under such a post) is in no feed, not even
its author's or a moderator's copy. The feeds are marked for the page cache like the pages they
mirror, under the same versions, so a moderator's decision leaves every feed on commit.

Entries carry the post's sanitised HTML (the Markdown rendered and cleaned when it was saved),
never the source.
"""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from forum.core.reversing import fast_reverse
from forum.posts.models import Kind
from forum.posts.selectors import get_post_for, latest_replies

from . import selectors

# XML 1.0 cannot carry these; a form may let one through (only NUL is refused), and Django's
# feed writer raises on them: a 500 for every reader of the feed. They show as nothing anyway.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _reader():
    return AnonymousUser()


class _PostFeed(Feed):
    """What every feed's entries share: a post's address (its absolute form is also the
    entry's id), author, dates and HTML."""

    feed_type = Rss201rev2Feed

    def items(self, obj):
        raise NotImplementedError

    def item_link(self, post):
        return post.get_absolute_url()

    def item_description(self, post):
        return xml_text(post.body_html)

    def item_author_name(self, post):
        return post.author.username

    def item_pubdate(self, post):
        return post.created_at

    def item_updateddate(self, post):
        return post.edited_at or post.created_at


class _QuestionFeed(_PostFeed):
    def item_title(self, question):
        return xml_text(question.title)

    def item_categories(self, question):
        return [tag.name for tag in question.tags.all()]


class NewestQuestionsFeed(_QuestionFeed):
    title = "Forum: newest questions"
    description = "The newest questions asked on the forum."

    def link(self):
        return fast_reverse("questions:list")

    def items(self):
        return selectors.latest_questions(viewer=_reader(), limit=settings.FORUM_FEED_ITEMS)


class TagFeed(_QuestionFeed):
    def get_object(self, request, name):
        return selectors.get_tag_for(_reader(), name)  # 404 for a tag nobody may read

    def title(self, tag):
        return f"Forum: questions tagged {tag.name}"

    def description(self, tag):
        return f"The newest questions tagged {tag.name}."

    def link(self, tag):
        return tag.get_absolute_url()

    def items(self, tag):
        return selectors.latest_questions(
            viewer=_reader(), tag=tag, limit=settings.FORUM_FEED_ITEMS
        )


class ThreadFeed(_PostFeed):
    def get_object(self, request, question_id):
        # Hidden and absent questions answer alike: 404.
        return get_post_for(_reader(), question_id, kind=Kind.QUESTION)

    def title(self, question):
        return xml_text(f"Forum: answers and comments on “{question.title}”")

    def description(self, question):
        return xml_text(f"New answers and comments on the question “{question.title}”.")

    def link(self, question):
        return question.get_absolute_url()

    def items(self, question):
        return latest_replies(_reader(), question, limit=settings.FORUM_FEED_ITEMS)

    def item_title(self, reply):
        # "Answer by …", "Comment by …": the kind's label (kinds name themselves).
        return f"{reply.get_kind_display()} by {reply.author.username}"


def _atom(feed: type[Feed]) -> type[Feed]:
    """The same feed in Atom: its description becomes the subtitle."""
    return type(
        f"{feed.__name__}Atom",
        (feed,),
        {"feed_type": Atom1Feed, "subtitle": feed.description, "__doc__": feed.__doc__},
    )


FEEDS = {
    "newest": {"rss": NewestQuestionsFeed, "atom": _atom(NewestQuestionsFeed)},
    "tag": {"rss": TagFeed, "atom": _atom(TagFeed)},
    "thread": {"rss": ThreadFeed, "atom": _atom(ThreadFeed)},
}
