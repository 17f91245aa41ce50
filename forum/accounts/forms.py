import time

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.core import signing

from .models import User

_STARTED_SALT = "forum.accounts.signup-started"


def signup_started_token(at: float | None = None) -> str:
    """A signed record of when a sign-up form was served (now, or `at` seconds since 1970)."""
    return signing.dumps(time.time() if at is None else at, salt=_STARTED_SALT)


class FreshStartInput(forms.HiddenInput):
    """The served-at token, new at every rendering (a form sent back with an error gets a
    fresh one), and a plain hidden input: browsers never send a disabled field."""

    def format_value(self, value):
        return signup_started_token()


class SignupForm(UserCreationForm):
    """Sign-up with two bot traps that need no third party: a field people never see (bots
    fill every field), and a signed time the form was served (bots send it back at once)."""

    # Moved off-screen by forum.css (.hp-field) and skipped by tab; no person fills it.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # `clean` reads what was sent back; the widget always renders a fresh token.
    started = forms.CharField(required=False, widget=FreshStartInput)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A confirmation link needs somewhere to go.
        self.fields["email"].required = settings.FORUM_SIGNUP_CONFIRM_EMAIL

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError("Please leave the last field empty.", code="honeypot")
        try:
            started = float(
                signing.loads(self.data.get("started", ""), salt=_STARTED_SALT, max_age=86400)
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                "This form has expired; please send it again.", code="bad_token"
            ) from None
        if time.time() - started < settings.FORUM_SIGNUP_MIN_SECONDS:
            raise forms.ValidationError(
                "That was very quick; please check the form and send it again.",
                code="too_fast",
            )
        return cleaned
