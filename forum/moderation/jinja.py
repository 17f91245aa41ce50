"""The Jinja2 environment of the site (forum/core/jinja.py) with moderation's permission
checks as filters, for its partials on the thread page: `user|can_close(question)`.

Settings TEMPLATES names this module, the highest app whose helpers Jinja2 templates use;
an app above that needs its own would build on it the same way.
"""

from forum.core import jinja
from forum.moderation.permissions import can_appeal_post, can_close_question


def environment(**options):
    env = jinja.environment(**options)
    env.filters.update(can_appeal=can_appeal_post, can_close=can_close_question)
    return env
