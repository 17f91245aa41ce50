"""The reply's own words, marked for a moderator: what ties it to its thread, what a rule read."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_TOKENS = re.compile(r"([^\W_]+(?:['’][^\W_]+)?)")


@register.filter
def highlight(text: str, evidence) -> str:
    """Escape `text` and wrap the words `evidence` names in <mark> (ties, then cues)."""
    marked = []
    for index, token in enumerate(_TOKENS.split(text)):
        word = token.lower()
        if index % 2 and word in evidence.ties:
            marked.append(f'<mark class="tie">{escape(token)}</mark>')
        elif index % 2 and word in evidence.cues:
            marked.append(f'<mark class="cue">{escape(token)}</mark>')
        else:
            marked.append(escape(token))
    return mark_safe("".join(marked))
