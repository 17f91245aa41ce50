import re

from django import forms
from django.conf import settings

from forum.core.forms import BodyField, bare_helper

TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.+#-]{0,34}$")
MAX_TAGS = 5


class QuestionForm(forms.Form):
    title = forms.CharField(max_length=settings.FORUM_MAX_TITLE_LENGTH, min_length=10, strip=True)
    body = BodyField(min_length=20)
    tags = forms.CharField(
        required=False,
        help_text="Up to five tags separated by spaces, e.g. world-war-two soviet-union.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = bare_helper()

    def clean_tags(self) -> list[str]:
        names = list(dict.fromkeys(self.cleaned_data["tags"].lower().replace(",", " ").split()))
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(f"Use at most {MAX_TAGS} tags.", code="too_many_tags")
        for name in names:
            if not TAG_PATTERN.match(name):
                raise forms.ValidationError(
                    f"“{name}” is not a valid tag: use lowercase letters, digits and - . + #, "
                    "at most 35 characters.",
                    code="bad_tag",
                )
        return names


class SearchForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, strip=True)


class TagFilterForm(forms.Form):
    q = forms.CharField(max_length=35, required=False, strip=True)

    def clean_q(self) -> str:
        return self.cleaned_data["q"].lower()
