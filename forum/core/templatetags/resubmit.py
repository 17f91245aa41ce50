"""`{% resubmit_field %}`: the hidden token that makes a posting form save once
(forum/core/resubmit.py). Put it inside every form that creates or edits a post."""

from django import template
from django.utils.html import format_html

from forum.core.resubmit import FIELD, issue_token

register = template.Library()


@register.simple_tag
def resubmit_field():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, issue_token())
