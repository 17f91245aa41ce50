from __future__ import annotations

import pytest

from forum.spamfilter.contact import contact_details_reasons, private_contact_reasons
from forum.spamfilter.document import Document


def solicitation(text: str):
    return private_contact_reasons(Document.of(text))


def details(text: str):
    return contact_details_reasons(Document.of(text))


@pytest.mark.parametrize(
    "text",
    [
        "Send me a PM, I will explain.",
        "PM me and I'll tell you the rest.",
        "Message me privately for the details.",
        "Drop me a private message, it is more convenient.",
        "Let's continue this in private.",
        "The rest I will tell only in personal messages.",
        "Contact me directly, we will settle everything.",
        "Anyone interested, inbox me.",
        "Ping me on telegram for more.",
    ],
)
def test_private_message_solicitation_is_detected(text):
    (reason,) = solicitation(text)
    assert reason.code == "private_contact"
    assert reason.weight >= 2.5


def test_message_quotes_the_request():
    (reason,) = solicitation("Interesting. Send me a DM, I will explain.")
    assert "Send me a DM, I will explain" in reason.message


@pytest.mark.parametrize(
    "text",
    ["Let's talk.", "We can chat about it.", "I suggest you to talk."],
)
def test_empty_invitation_to_discuss_is_a_weaker_signal(text):
    (reason,) = solicitation(text)
    assert reason.code == "private_contact"
    assert 0 < reason.weight < 2


def test_invitation_followed_by_actual_discussion_is_not_flagged():
    assert not solicitation("Let's talk about the gear ratios: 50/34 with an 11-32 cassette.")


def test_solicitation_inside_a_substantive_answer_weighs_less():
    (short,) = solicitation("Message me for the dataset.")
    (long,) = solicitation(
        "I compiled chain wear figures from 40 riders over 2019-2023: median replacement at "
        "3100 km for 11-speed, 4200 km for 9-speed, with wet lube adding about 15%. Message "
        "me for the dataset, it is too big to post."
    )
    assert long.weight < short.weight


@pytest.mark.parametrize(
    "text",
    [
        "The private key never leaves the device.",
        "Make the method private and add a getter.",
        "Call me old-fashioned, but I still use a chain checker.",
        "I wrote a message to the shop and they replaced it.",
    ],
)
def test_ordinary_uses_of_private_and_message_are_not_solicitation(text):
    assert not solicitation(text)


def test_email_address_is_contact_details():
    (reason,) = details("Write to best.repairs@example-mail.com today")
    assert reason.code == "contact_details"
    assert "best.repairs@example-mail.com" in reason.message


def test_phone_number_with_country_code_is_contact_details():
    assert details("Legal help 24/7: +44 7700 900412")


def test_phone_number_after_call_is_contact_details():
    assert details("Call now 0800-555-0142 for a free estimate")


def test_messenger_handle_is_contact_details():
    assert details("Contact hacker on Telegram @recover_expert_7")


def test_year_ranges_and_measurements_are_not_phone_numbers():
    assert not details("Between 1937-1938 and 1941 the army lost 35 000 officers.")


def test_prime_minister_is_not_a_private_message():
    assert not solicitation("The telegram was sent to PM Chamberlain in 1939.")


def test_mentioning_private_messages_as_a_feature_is_not_solicitation():
    assert not solicitation("Slack keeps private messages for 90 days on the free plan.")


def test_a_handle_announced_as_a_contact_is_a_contact_detail():
    assert details("Support and orders: contact @shopkeeper_42")
    assert details("Заказы ✈️ @shopkeeper_42")


def test_a_bare_mention_is_a_reply_not_a_contact_detail():
    assert not details("@shopkeeper_42 that fixed it, the chain was worn")


def test_a_number_to_dial_is_a_contact_detail():
    assert details("To collect, dial 09011223344 from a landline")
