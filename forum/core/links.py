"""Links to pages of apps above the one linking, by role.

Imports and URL names point one way (tests/test_layering.py): core, accounts and posts never
name a URL of an app above them. Where a page of theirs must link upward - "Log in again to
post", "Formatting help", a moderator's "Redact" on the history page - it names a role
("login", "markdown_help", "redact_revision"), and settings.FORUM_PAGES, which is project
wiring and may name any app, says which URL serves it. Django does the same with LOGIN_URL
and LOGIN_REDIRECT_URL, which the settings take from the roles "login" and "home".
"""

from django.conf import settings

from .reversing import fast_reverse


def page_url(role: str, *args) -> str:
    """The URL serving `role` (a key of settings.FORUM_PAGES), with `args` filled in."""
    return fast_reverse(settings.FORUM_PAGES[role], *args)
