"""Input for the moderator tools: closing and locking, warnings, suspensions (watched patterns
are forum/watchlist/forms.py)."""

import re
from datetime import UTC, datetime, time, timedelta

from django import forms
from django.utils import timezone

from forum.core.forms import MessageField

QUESTION_ID = re.compile(r"(?:^|/questions/)(\d{1,18})(?:/|$)")


class CloseForm(forms.Form):
    reason = forms.CharField(max_length=300, required=False, strip=True)
    # The original's number or its address (pasted from the browser).
    duplicate_of = forms.CharField(max_length=300, required=False, strip=True)

    def clean_duplicate_of(self):
        raw = self.cleaned_data["duplicate_of"]
        if not raw:
            return None
        found = QUESTION_ID.search(raw.split("?")[0].split("#")[0])
        if found is None:
            raise forms.ValidationError(
                "Give the original question's number or its address.", code="bad_original"
            )
        return int(found.group(1))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("reason") and cleaned.get("duplicate_of") is None:
            raise forms.ValidationError(
                "Say why the question is closed, or which question it duplicates.",
                code="no_reason",
            )
        return cleaned


class RequiredReasonForm(forms.Form):
    """Locking needs a reason members will read on the page."""

    reason = forms.CharField(max_length=300, strip=True)


class WarnForm(forms.Form):
    message = MessageField(
        max_length=300,
        rows=2,
        help_text="Only the member reads it, in their inbox; the audit log keeps a copy.",
    )


DURATIONS = {
    "1": "1 day",
    "3": "3 days",
    "7": "1 week",
    "30": "30 days",
    "365": "1 year",
    "indefinite": "Until lifted",
}


class SuspendForm(forms.Form):
    reason = forms.CharField(max_length=300, required=False, strip=True)
    # Blank means indefinite, as a suspension always was before durations existed.
    duration = forms.ChoiceField(choices=list(DURATIONS.items()), required=False)
    until = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Or a date"
    )
    hide_posts = forms.BooleanField(required=False)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        now = timezone.now()
        if cleaned.get("until"):
            # The end of the chosen day, in UTC: "until 3 May" includes 3 May.
            end = datetime.combine(cleaned["until"], time.max, tzinfo=UTC)
            if end <= now:
                raise forms.ValidationError("Choose a date in the future.", code="past")
            cleaned["ends_at"] = end
        elif cleaned.get("duration") in ("", None, "indefinite"):
            cleaned["ends_at"] = None
        else:
            cleaned["ends_at"] = now + timedelta(days=int(cleaned["duration"]))
        return cleaned
