import time
import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core import signing
from django.core.cache import cache
from django.template import loader

from forum.core.forms import BodyField

from .models import ABOUT_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, User
from .tasks import mail_now

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


class FreshStartInput(forms.HiddenInput):
    """The served-at token, new at every rendering (a form sent back with an error gets a
    fresh one), and a plain hidden input: browsers never send a disabled field."""

    def format_value(self, value):
        return signup_started_token()


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


# Characters a name must not hold: controls, invisible formatting (zero-width and direction
# marks, which can make one name look like another or reverse the text after it), line and
# paragraph separators, and code points with no agreed glyph.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


class ProfileForm(forms.Form):
    """What a member tells others about themselves: a display name and an "about" text."""

    display_name = forms.CharField(
        max_length=DISPLAY_NAME_MAX_LENGTH,
        required=False,
        strip=True,
        help_text=f"Shown on your profile instead of your username; at most "
        f"{DISPLAY_NAME_MAX_LENGTH} characters. Leave empty to show your username.",
    )
    about = BodyField(
        label="About you",
        max_length=ABOUT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Markdown, at most {ABOUT_MAX_LENGTH:,} characters.",
    )

    def __init__(self, *args, member: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"]
        for character in name:
            if unicodedata.category(character) in _REFUSED_CATEGORIES:
                raise forms.ValidationError(
                    "A display name cannot contain control or invisible formatting characters "
                    f"(it contains U+{ord(character):04X}); please type it again without them.",
                    code="control_character",
                )
        # Another member's username as a name would let one member pass for another.
        if name and User.objects.filter(username__iexact=name).exclude(pk=self.member.pk).exists():
            raise forms.ValidationError(
                "That is another member's username; please choose a name of your own.",
                code="someone_elses_name",
            )
        return name


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, its e-mail rendered here and sent by a worker: a mail server
    that is down or slow never answers the request with an error (which would also tell
    that the address is a member's)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_now(subject, body, [to_email])
