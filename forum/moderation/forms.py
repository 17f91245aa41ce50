from django import forms

from .models import Flag
from .posts import POST_MODELS
from .services import ACTIONS


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=Flag.Reason.choices)


class ModerationActionForm(forms.Form):
    """One-click (`act` = "approve answer 12") or bulk (`bulk` = "approve" plus `items`)."""

    act = forms.CharField(required=False)
    bulk = forms.ChoiceField(choices=[(name, name) for name in ACTIONS], required=False)
    reason = forms.CharField(max_length=300, required=False, strip=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("act"):
            parts = cleaned["act"].split()
            if len(parts) != 3 or parts[0] not in ACTIONS:
                raise forms.ValidationError("Unknown action.", code="bad_action")
            action, targets = parts[0], [f"{parts[1]}:{parts[2]}"]
        elif cleaned.get("bulk"):
            # "kind:id" values of the ticked checkboxes; checked one by one below.
            action, targets = cleaned["bulk"], self.data.getlist("items")
            if not targets:
                raise forms.ValidationError("Select at least one post.", code="nothing_selected")
        else:
            raise forms.ValidationError("Choose an action.", code="no_action")
        parsed = []
        for target in targets:
            kind, _, post_id = target.partition(":")
            if kind not in POST_MODELS or not post_id.isdigit():
                raise forms.ValidationError("Unknown post.", code="bad_post")
            parsed.append((kind, int(post_id)))
        cleaned["action"] = action
        cleaned["targets"] = parsed
        return cleaned
