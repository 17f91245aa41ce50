"""The accounts app's Celery tasks: the forum's e-mail (sign-up confirmations, password
resets), sent by a worker so that a slow or failing mail server never holds a request or
answers it with a 500 after the account exists."""

import logging

from celery import shared_task
from django.core.mail import send_mail

from forum.core.jobs import enqueue, send_now

log = logging.getLogger("forum.mail")

# Retries of a failed sending: after 1, 2, 4, 8, 16 minutes (about half an hour in all), then
# it is given up and logged. A confirmation link works for three days, a reset link as long.
MAIL_RETRIES = 5


@shared_task(bind=True, max_retries=MAIL_RETRIES, ignore_result=True)
def send_mail_task(self, subject: str, body: str, to: list[str]) -> None:
    try:
        send_mail(subject, body, None, to)
    except Exception as error:  # refused, timed out, or the server said no
        if self.request.is_eager:
            # No worker to wait and try again: the member can ask for the e-mail again.
            log.warning("e-mail %r to %s not sent: %s", subject, to, error)
            return
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error


def _send_here(subject: str, body: str, to: list[str]) -> None:
    """The broker is down: send from this process, once; a failure is logged, not raised."""
    try:
        send_mail(subject, body, None, to)
    except Exception as error:
        log.warning("e-mail %r to %s not sent (no broker either): %s", subject, to, error)


def mail_after_commit(subject: str, body: str, to: list[str]) -> None:
    """Send an e-mail in the background once the transaction (that made what it links to)
    commits."""
    fallback = lambda: _send_here(subject, body, to)  # noqa: E731
    enqueue(send_mail_task, subject, body, to, if_broker_down=fallback)


def mail_now(subject: str, body: str, to: list[str]) -> None:
    """Send an e-mail in the background now (it needs nothing the request writes)."""
    fallback = lambda: _send_here(subject, body, to)  # noqa: E731
    send_now(send_mail_task, subject, body, to, if_broker_down=fallback)
