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
        "Fast verified accounts for sale. Contact @deal_maker_77",
        "Serious buyers only, PM to @shop_owner_x",
        "Хочешь узнать больше? Напиши в поиск телеграм: KOD777",
        "Kodlar özelden iletilecektir, bekleyin.",
        "상품 문의 주세요 @shop_kr_01",
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
        "The telegram was sent to PM Chamberlain in 1939.",  # a prime minister
        "Slack keeps private messages for 90 days on the free plan.",  # a feature
    ],
)
def test_ordinary_uses_of_private_and_message_are_not_solicitation(text):
    assert not solicitation(text)


def test_email_address_is_contact_details():
    (reason,) = details("Write to best.repairs@example-mail.com today")
    assert reason.code == "contact_details"
    assert "best.repairs@example-mail.com" in reason.message


# Each a way to reach the author outside the forum.
CONTACT_DETAILS = {
    "phone_number_with_country_code": "Legal help 24/7: +44 7700 900412",
    "phone_number_after_call": "Call now 0800-555-0142 for a free estimate",
    "number_to_dial": "To collect, dial 09011223344 from a landline",
    "messenger_handle": "Contact hacker on Telegram @recover_expert_7",
    "handle_announced_as_contact": "Support and orders: contact @shopkeeper_42",
    "handle_announced_as_orders": "Заказы ✈️ @shopkeeper_42",
}
# Numbers and mentions that reach no one.
NOT_CONTACT_DETAILS = {
    "year_ranges_and_measurements_are_not_phone_numbers": (
        "Between 1937-1938 and 1941 the army lost 35 000 officers."
    ),
    "a_bare_mention_is_a_reply_not_a_contact_detail": (
        "@shopkeeper_42 that fixed it, the chain was worn"
    ),
}


@pytest.mark.parametrize("case", CONTACT_DETAILS)
def test_a_way_to_reach_the_author_is_a_contact_detail(case):
    assert details(CONTACT_DETAILS[case])


@pytest.mark.parametrize("case", NOT_CONTACT_DETAILS)
def test_numbers_and_mentions_that_reach_no_one_are_not_contact_details(case):
    assert not details(NOT_CONTACT_DETAILS[case])


def test_add_me_on_a_messenger_is_a_private_contact_request():
    assert private_contact_reasons(Document.of("Add me on Snapchat, same name"))


def test_ping_me_in_the_sites_chat_is_no_private_contact_request():
    assert not private_contact_reasons(Document.of("Ping me in chat if you disagree."))


def test_a_telegram_bot_handle_is_contact_details():
    assert contact_details_reasons(Document.of("Free signals here: @deals_finder_bot"))


def test_a_mention_of_a_user_whose_name_ends_in_bot_is_no_contact_detail():
    assert not contact_details_reasons(Document.of("@JaneTalbot I hope you kept that image."))


def test_a_request_in_russian_typed_with_latin_look_alikes_is_private_contact():
    assert private_contact_reasons(Document.of("Жду вac в лuчку, пишите"))


def test_thanking_a_user_by_handle_is_no_contact_request():
    assert not solicitation("Thanks @Glorfindel, that fixed the tag wiki.")


def test_a_kakaotalk_id_is_a_contact_detail():
    (reason,) = details("새 장비 판매합니다. 카톡 - sellerbox")
    assert reason.code == "contact_details"
