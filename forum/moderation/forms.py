from django import forms

from forum.core.forms import MessageField

from .actions import ACTIONS
from .models import Flag


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=Flag.Reason.choices)


class ReasonForm(forms.Form):
    """A moderator's optional reason (suspensions, redactions); NUL bytes are form errors."""

    reason = forms.CharField(max_length=300, required=False, strip=True)


def _parse_target(target: str) -> tuple[int, int | None]:
    """ "12" or "12@3" (post 12 as of revision 3) → (12, 3); ValueError otherwise."""
    post_id, _, revision = target.partition("@")
    if not (post_id.isascii() and post_id.isdigit()) or (
        revision and not (revision.isascii() and revision.isdigit())
    ):
        raise ValueError(target)
    return int(post_id), int(revision) if revision else None


class ModerationActionForm(forms.Form):
    """One-click (`act` = "approve 12@3") or bulk (`bulk` = "approve" plus `items` = "12@3").

    The revision after "@" is the version the moderator saw; the action is refused if the
    post was edited since.
    """

    act = forms.CharField(required=False, max_length=100)
    bulk = forms.ChoiceField(choices=[(name, name) for name in ACTIONS], required=False)
    reason = forms.CharField(max_length=300, required=False, strip=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("act"):
            parts = cleaned["act"].split()
            if len(parts) != 2 or parts[0] not in ACTIONS:
                raise forms.ValidationError("Unknown action.", code="bad_action")
            action, targets = parts[0], [parts[1]]
        elif cleaned.get("bulk"):
            action, targets = cleaned["bulk"], self.data.getlist("items")
            if not targets:
                raise forms.ValidationError("Select at least one post.", code="nothing_selected")
        else:
            raise forms.ValidationError("Choose an action.", code="no_action")
        try:
            cleaned["targets"] = [_parse_target(target) for target in targets[:500]]
        except ValueError:
            raise forms.ValidationError("Unknown post.", code="bad_post") from None
        cleaned["action"] = action
        return cleaned


class AppealForm(forms.Form):
    message = MessageField(
        max_length=500, help_text="Tell the moderators why this post belongs here."
    )


class DryRunForm(forms.Form):
    low_value = forms.FloatField(min_value=0.0, max_value=1.0, label="Hold posts scoring at least")
