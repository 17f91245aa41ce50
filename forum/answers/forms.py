from django import forms

from forum.core.forms import BodyField, bare_helper


class AnswerForm(forms.Form):
    body = BodyField(label="Your answer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = bare_helper()
