"""/sitemap.xml for search engines: every question an anonymous reader may read.

/sitemap.xml is always an index (django.contrib.sitemaps' `index` view) naming the pages of the
questions section, 50,000 entries each (the protocol's limit, Django's default `limit`): a
forum of any size has a valid sitemap, and a crawler fetches only the pages it wants.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from . import selectors
from .addresses import post_url


class QuestionSitemap(Sitemap):
    def items(self):
        # Read as a crawler would: anonymous, through the one visibility rule.
        return selectors.sitemap_questions(viewer=AnonymousUser())

    def location(self, question):
        return post_url(question)

    def lastmod(self, question):
        return question.last_activity_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item: one aggregate instead.
        return self.items().aggregate(latest=Max("last_activity_at"))["latest"]


SITEMAPS = {"questions": QuestionSitemap}
