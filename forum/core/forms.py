"""Form pieces every kind of post shares."""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings

from .markdown import MarkdownTooComplex, check_render_cost


class BodyField(forms.CharField):
    """Markdown body: stripped, required, bounded so one post cannot swamp a page."""

    def __init__(self, *, max_length: int | None = None, min_length: int = 1, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 10}))
        kwargs.setdefault("help_text", "Markdown: **bold**, *italic*, `code`, [link](https://…).")
        super().__init__(
            max_length=max_length or settings.FORUM_MAX_BODY_LENGTH,
            min_length=min_length,
            strip=True,
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        try:
            check_render_cost(value)
        except MarkdownTooComplex as refusal:
            raise forms.ValidationError(str(refusal), code="too_complex") from None


def bare_helper() -> FormHelper:
    """Crispy helper that renders fields only: templates write the <form> tag and the buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class MessageField(forms.CharField):
    """A short message one person writes to another (an appeal, a warning): plain text,
    stripped, at least a few words."""

    def __init__(self, *, max_length: int, rows: int = 3, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(max_length=max_length, min_length=10, strip=True, **kwargs)
