"""Who may ask."""

from forum.accounts.permissions import can_post


def can_ask_question(user) -> bool:
    return can_post(user)
