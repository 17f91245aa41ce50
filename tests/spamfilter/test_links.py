from __future__ import annotations

from forum.spamfilter.document import Document
from forum.spamfilter.links import link_reasons


def links(text: str):
    return {reason.code: reason for reason in link_reasons(Document.of(text))}


def test_reply_without_links_has_no_link_reason():
    assert links("Replace the chain at 0.5% wear.") == {}


def test_one_reference_link_in_an_answer_costs_almost_nothing():
    found = links(
        "Chain wear is measured as elongation over 12 links, see "
        "https://en.wikipedia.org/wiki/Bicycle_chain for the standard pitch of half an inch."
    )
    assert found["links"].weight <= 0.2


def test_shortened_link_is_suspicious():
    assert "shortened link bit.ly" in links("Great tips here https://bit.ly/3xYz")["links"].message


def test_affiliate_parameters_are_suspicious():
    assert "tracking" in links("See https://shop.example.com/chains?ref=abc12")["links"].message


def test_throwaway_domain_is_suspicious():
    found = links("Best deals at https://cheap-bike-parts-outlet.store today")
    assert "throwaway" in found["links"].message


def test_a_reply_that_is_only_an_ordinary_link_is_no_evidence():
    assert links("https://example.com/notes/chain-wear")["links"].weight <= 0.2


def test_a_reply_that_is_only_a_shortened_link_is_mostly_link():
    assert "mostly link" in links("https://bit.ly/3xYz")["links"].message


def test_many_ordinary_links_in_an_answer_stay_below_evidence():
    found = links(
        "Sources: https://a-example.com/x https://b-example.com/y https://c-example.com/z "
        "https://d-example.com/w and https://e-example.com/v all agree on the 1911 date."
    )
    assert found["links"].weight <= 0.2


def test_invitation_to_a_messenger_group_is_suspicious():
    assert "messenger" in links("Join us: https://t.me/+AbCdEf123")["links"].message


def test_money_words_in_the_domain_are_suspicious():
    assert "money words" in links("Details at https://usdt-earners.example")["links"].message


def test_a_domain_that_merely_contains_a_money_word_is_ordinary():
    assert links("I learned it from http://learnyouahaskell.com/")["links"].weight <= 0.2


def test_click_the_link_wrapped_around_an_ordinary_link_is_suspicious():
    found = links("Click the link below to start earning https://example.com/start")
    assert found["links"].weight >= 1


def test_a_shortened_link_inside_a_technical_answer_is_circumstantial():
    found = links(
        "The circuit in Fig. 3 reproduces the 0.707 amplitude once the phase gate is "
        "applied twice; the notebook is at https://goo.gl/AbC123 with the 4 qubit version."
    )
    assert found["links"].weight < 0.5


def test_analytics_tags_of_a_shared_link_are_not_affiliate_parameters():
    found = links("Good write-up: https://www.reddit.com/r/x/comments/1/?utm_source=share")
    assert found["links"].weight <= 0.2


def test_shady_short_link_comment_outweighs_a_reference_in_an_answer():
    shady = links("Check https://tinyurl.com/chainz now")["links"].weight
    reference = links(
        "The Park Tool guide at https://www.parktool.org/blog/repair-help/chain-replacement "
        "explains how to measure wear with a ruler over 24 half-links."
    )["links"].weight
    assert shady > reference


def test_more_links_weigh_more():
    one = links("More at https://a-example.com/x")["links"].weight
    three = links(
        "More at https://a-example.com/x https://b-example.com/y https://c-example.com/z"
    )["links"].weight
    assert three > one


def test_script_tag_is_markup_injection():
    assert "markup_injection" in links("<script>alert('x')</script> nice post")


def test_javascript_link_is_markup_injection():
    assert "markup_injection" in links("[click](javascript:alert(1))")


def test_event_handler_attribute_is_markup_injection():
    assert "markup_injection" in links('<img src="x" onerror="alert(1)">')


def test_a_bare_reference_link_is_not_mostly_link_spam():
    found = links("Duplicate of https://history.stackexchange.com/questions/1234")
    assert found["links"].weight <= 0.2


def test_money_words_in_a_domain_cited_by_a_long_answer_are_ordinary():
    found = links(
        "Most exchanges publish their proof of reserves; the definitions I rely on are the "
        "ones at https://www.investopedia.com/terms/p/proof-of-reserves.asp and the history is "
        "covered at https://en.wikipedia.org/wiki/Cryptocurrency_exchange together with the "
        "audits, which differ in scope, method and frequency between the larger platforms."
    )
    assert found["links"].weight <= 0.2


def test_an_agency_pitch_around_an_ordinary_link_is_suspicious():
    found = links("Hire designers from our agency, 30% cheaper: https://example.com/hire")
    assert found["links"].weight >= 1


def test_a_shortened_link_declared_as_affiliate_is_suspicious():
    found = links("The pan I use for 2 years now is here https://amzn.to/3abc (affiliate link)")
    assert found["links"].weight >= 1


def test_a_shortened_affiliate_link_in_a_long_reply_stays_suspicious():
    found = links(
        "Gluey rice usually means the grains were rinsed too little or stirred too hard; after "
        "years of trying brands the one I keep buying is here https://amzn.to/3abc (affiliate "
        "link, I get a small cut if you buy it through this one)."
    )
    assert found["links"].weight >= 1


def test_a_call_to_look_in_turkish_around_a_link_is_suspicious():
    reason = links("Yeni ürünler burada, hemen incele! https://shop.example/k3x")["links"]
    assert "sales words" in reason.message


def test_a_mixed_case_path_is_not_code_that_excuses_a_call_to_buy():
    reason = links("Buy now 👉 https://launch.example/pool/0x9aB3cD4eF5a6/?chain=BSC")["links"]
    assert "sales words" in reason.message
