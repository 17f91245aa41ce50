from __future__ import annotations

from forum.spamfilter.document import Document
from forum.spamfilter.promotion import promotion_reasons


def promotion(text: str):
    return {reason.code: reason for reason in promotion_reasons(Document.of(text))}


def test_sales_talk_is_promotion():
    found = promotion("Buy cheap chains with 30% off, fast delivery worldwide!")
    assert found["promotion"].weight > 1


def test_a_single_mention_of_a_price_is_not_promotion():
    assert "promotion" not in promotion(
        "A new chain costs about 30 euros, cheap next to a cassette."
    )


def test_capitals_are_shouting():
    assert "shouting" in promotion("BEST BIKE REPAIR SERVICE IN TOWN, CALL US TODAY")


def test_an_acronym_or_two_is_not_shouting():
    assert "shouting" not in promotion("Shimano HG and SRAM PC chains both use the ISO standard.")


def test_capitals_inside_code_are_not_shouting():
    assert "shouting" not in promotion(
        "Run `SELECT * FROM TASKS WHERE STATUS IS NOT DISTINCT FROM 'DONE'`"
    )


def test_stretched_characters_are_repetition():
    assert "repetition" in promotion("Wowwwwww amazing!!!!!!")


def test_markdown_rules_are_not_repetition():
    assert "repetition" not in promotion("Steps\n-----\n1. Measure")


def test_repeating_a_keyword_is_stuffing():
    found = promotion(
        "Plumber near me plumber near me 24/7 emergency plumber near me cheap plumber best "
        "plumber near me blocked drain plumber."
    )
    assert 'Repeats "plumber"' in found["keyword_stuffing"].message


def test_identifiers_repeated_in_code_are_not_stuffing():
    assert "keyword_stuffing" not in promotion(
        "Use `backup.timer` with `ExecStart=/opt/backup/backup.sh` and check "
        "`journalctl -u backup` after the first backup run."
    )


def test_prize_notice_with_a_premium_shortcode_is_promotion():
    found = promotion("Congrats, you have been selected for a prize! Text GO to 80123 to claim it.")
    assert found["promotion"].weight > 1


def test_promised_earnings_are_promotion():
    found = promotion("Earn $500 per day from home with our trading platform, guaranteed.")
    assert "promotion" in found


def test_money_talk_in_russian_and_chinese_is_promotion():
    assert "promotion" in promotion("Пассивный доход каждый день, без вложений")
    assert "promotion" in promotion("高价收卡，日结，详情私聊")


def test_an_answer_about_fees_and_rewards_is_not_promotion():
    assert "promotion" not in promotion(
        "Staking rewards are paid every epoch; the fee is about 0.17 ADA per transaction."
    )
