"""One way to show a moment on every page: `{{ post.created_at|when }}`.

Past moments read relative to now ("3 hours ago", "2 days ago"), older ones as a date
("Mar 4, 2021"), future ones (a suspension's end) as a date and time; all inside
`<time datetime="…">` with the exact time and time zone in its title, so nothing needs
JavaScript. The filter is a template builtin (settings TEMPLATES), so no template loads it.

Anonymous readers' pages are cached (forum/core/pagecache.py) for at most
FORUM_PAGE_CACHE_SECONDS, so "5 minutes ago" may be read up to that much later; the exact
time in the title never drifts.
"""

from datetime import UTC, datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Up to this age a moment reads as "N days ago"; older ones as their date.
RELATIVE_DAYS = 7


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


# What dateformat's "M j, Y" and "Y-m-d H:i:s T" print, written out: a list page shows
# forty moments, and dateformat parses its format string on every call (a tenth of the page).
def _date(local: datetime) -> str:
    return f"{MONTHS_3[local.month].title()} {local.day}, {local.year}"


def _exact(local: datetime) -> str:
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname() or ''}".rstrip()


def describe(moment: datetime, now: datetime, local: datetime | None = None) -> str:
    """The words for `moment` seen at `now`, both aware datetimes (`local`: `moment` in the
    current time zone, when the caller has it)."""
    local = local or timezone.localtime(moment)
    age = now - moment
    if abs(age) < timedelta(minutes=1):  # clocks of two servers may disagree by seconds
        return "just now"
    if age < timedelta(0):
        return f"{_date(local)} at {local:%H:%M}"
    if age < timedelta(hours=1):
        return f"{_count(age.seconds // 60, 'minute')} ago"
    if age < timedelta(days=1):
        return f"{_count(age.seconds // 3600, 'hour')} ago"
    if age < timedelta(days=RELATIVE_DAYS):
        return f"{_count(age.days, 'day')} ago"
    return _date(local)


class Clock:
    """Now and the current time zone, read once for the many moments of one page (forty on
    a list page; each read is a lookup in asgiref's context-local storage)."""

    def __init__(self):
        self.now = timezone.now()
        self.zone = timezone.get_current_timezone()

    def when(self, moment: datetime | None) -> str:
        """`moment` as a <time> element (see the module docstring); empty for None."""
        if not isinstance(moment, datetime):
            return ""
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, self.zone)
        local = moment.astimezone(self.zone)
        # Nothing here comes from a member: digits, month and zone names, fixed words.
        iso = moment.astimezone(UTC).isoformat(timespec="seconds")
        exact, words = escape(_exact(local)), escape(describe(moment, self.now, local))
        return mark_safe(f'<time datetime="{iso}" title="{exact}">{words}</time>')


@register.filter(is_safe=True)
def when(moment: datetime | None) -> str:
    """`moment` as a <time> element (see the module docstring); empty for None."""
    return Clock().when(moment)
