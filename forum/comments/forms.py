from django import forms

from forum.core.forms import BodyField, bare_helper

MAX_COMMENT_LENGTH = 600


class CommentForm(forms.Form):
    body = BodyField(
        label="Comment",
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ask for clarification or suggest an improvement. Markdown allowed.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = bare_helper()
