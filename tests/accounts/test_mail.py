"""The forum's e-mail goes through a task: a mail server that refuses the connection delays
the e-mail (retried by the worker), never the answer to the member, and never loses the
account. The failures here are real: Django's SMTP backend against a closed port."""

import time

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.urls import reverse

from forum.accounts.models import User
from forum.accounts.tasks import send_mail_task
from tests.conftest import CLOSED_BROKER
from tests.factories import make_user, sign_up

# Real commits: the e-mail is sent after the account's transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp_down(settings):
    """SMTP to a port nothing listens on: every sending fails with "connection refused"."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2


def test_smtp_down_sign_up_answers_and_the_account_exists(client, settings, smtp_down):
    settings.FORUM_SIGNUP_CONFIRM_EMAIL = True
    response = sign_up(client, username="newcomer", email="new@example.org")
    assert response.status_code == 200
    assert "new@example.org" in response.text  # "we sent a link to …"
    assert User.objects.filter(username="newcomer", is_active=False).exists()


def test_smtp_down_a_password_reset_answers_as_usual(client, smtp_down):
    make_user("alice", email="alice@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")


def test_smtp_and_broker_down_sign_up_still_answers_at_once(
    client, settings, smtp_down, use_broker
):
    settings.FORUM_SIGNUP_CONFIRM_EMAIL = True
    use_broker(CLOSED_BROKER)
    started = time.monotonic()
    response = sign_up(client, username="newcomer", email="new@example.org")
    assert response.status_code == 200 and time.monotonic() - started < 5
    assert User.objects.filter(username="newcomer").exists()


def test_broker_down_the_email_is_sent_from_the_request(client, settings, use_broker):
    settings.FORUM_SIGNUP_CONFIRM_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    use_broker(CLOSED_BROKER)
    sign_up(client, username="newcomer", email="new@example.org")
    assert [message.to for message in mail.outbox] == [["new@example.org"]]


def test_a_worker_retries_a_failed_sending_later_and_later(smtp_down, use_broker):
    use_broker("memory://")  # a worker's view: not eager, retries go back to the broker
    delays = []
    arguments = ["Subject", "Body", ["new@example.org"]]
    for retries in range(3):
        # What a worker's delivery of the task's n-th try looks like to it.
        send_mail_task.push_request(
            id=f"task-{retries}",
            args=arguments,
            kwargs={},
            retries=retries,
            is_eager=False,
            called_directly=False,
        )
        try:
            with pytest.raises(Retry) as retry:
                send_mail_task.run(*arguments)
        finally:
            send_mail_task.pop_request()
        delays.append(retry.value.when)
    assert delays == [60, 120, 240]
