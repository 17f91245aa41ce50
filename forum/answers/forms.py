from functools import lru_cache

from django import forms
from django.conf import settings
from django.template import engines
from django.utils.safestring import SafeString

from forum.core.forms import BodyField, bare_helper


class AnswerForm(forms.Form):
    body = BodyField(label="Your answer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = bare_helper()


def blank_answer_fields() -> SafeString:
    """The empty answer form's fields as crispy renders them, under every thread page a
    member may answer on: the same HTML for every viewer and thread (no token, no value),
    so rendered once per process instead of on each page, where it was a fifth of a
    member's page. The <form>, its CSRF token and resubmit field stay in the page."""
    return _blank_fields(settings.FORUM_MAX_BODY_LENGTH, settings.CRISPY_TEMPLATE_PACK)


@lru_cache(maxsize=4)
def _blank_fields(max_length: int, pack: str) -> SafeString:  # the settings it depends on
    template = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")
    return template.render({"form": AnswerForm()})
