"""The form moderators add a watched pattern with."""

from django import forms

from forum.core.forms import bare_helper

from .matching import clean_pattern
from .models import WatchedPattern


class WatchForm(forms.Form):
    kind = forms.ChoiceField(choices=WatchedPattern.Kind.choices)
    pattern = forms.CharField(
        max_length=200,
        strip=True,
        help_text="Literal, or a glob: * for any characters, ? for one. Not case-sensitive.",
    )
    action = forms.ChoiceField(choices=WatchedPattern.Action.choices)
    note = forms.CharField(max_length=200, required=False, strip=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page writes the <form> and its button; crispy's own <form> would nest in it.
        self.helper = bare_helper()

    def clean(self):
        cleaned = super().clean()
        if "kind" in cleaned and "pattern" in cleaned:
            try:
                cleaned["pattern"] = clean_pattern(cleaned["kind"], cleaned["pattern"])
            except forms.ValidationError as error:
                self.add_error("pattern", error)
        return cleaned
