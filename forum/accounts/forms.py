import time

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.core import signing
from django.core.cache import cache

from .models import User

_STARTED_SALT = "forum.accounts.signup-started"
_STARTED_MAX_AGE = 86400


def signup_started_token(at: float | None = None) -> str:
    """A signed record of when a sign-up form was served (now, or `at` seconds since 1970)."""
    return signing.dumps(time.time() if at is None else at, salt=_STARTED_SALT)


def _first_use(token: str) -> bool:
    """Mark a served-at token as sent; False if it was sent before.

    One token per rendering, so a bot cannot fetch the form once and post it many times
    after the wait. Kept in the shared cache as the rate-limit counters are (no database
    write); a token older than a day is refused by its signature anyway."""
    signature = token.rsplit(":", 1)[-1]
    return cache.add(f"forum.signup-token.{signature}", True, timeout=_STARTED_MAX_AGE)


class FreshTokenField(forms.CharField):
    """A hidden value the server sets: every rendering, even of a form sent back with errors,
    shows the initial value, never what was posted. (A `disabled` field would do that too,
    but browsers do not send disabled inputs, so the server would never get it back.)"""

    widget = forms.HiddenInput

    def bound_data(self, data, initial):
        return initial


class HoneypotField(forms.CharField):
    """A trap field people never see. Shown empty again after a refusal: a person whose
    browser filled it in could not clear what they cannot see."""

    def bound_data(self, data, initial):
        return initial


class SignupForm(UserCreationForm):
    """Sign-up with two bot traps that need no third party: a field people never see (bots
    fill every field), and a signed time the form was served (bots send it back at once)."""

    # Moved off-screen by forum.css (#div_id_website) and skipped by tab; no person fills it.
    website = HoneypotField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Always rendered fresh; `clean` reads what was sent back.
    started = FreshTokenField(required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = signup_started_token()
        # A confirmation link needs somewhere to go.
        self.fields["email"].required = settings.FORUM_SIGNUP_CONFIRM_EMAIL

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                "A field that must stay empty was filled in, as programs that sign up by "
                "themselves do. It is empty again: if you are a person, please send the form "
                "once more.",
                code="honeypot",
            )
        token = self.data.get("started", "")
        try:
            started = float(signing.loads(token, salt=_STARTED_SALT, max_age=_STARTED_MAX_AGE))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                "This form has expired; please send it again.", code="bad_token"
            ) from None
        if not _first_use(token):
            raise forms.ValidationError(
                "This form was already sent once; please check it and send it again.",
                code="token_used",
            )
        if time.time() - started < settings.FORUM_SIGNUP_MIN_SECONDS:
            raise forms.ValidationError(
                "That was very quick; please check the form and send it again.",
                code="too_fast",
            )
        return cleaned
