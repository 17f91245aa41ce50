from __future__ import annotations

from forum.spamfilter.document import MAX_CHARS, Document, sanitize


def test_a_huge_paste_is_read_as_its_head_and_tail():
    text = "a " * MAX_CHARS + "the end of it"
    clean = sanitize(text)
    assert len(clean) <= MAX_CHARS + 1
    assert clean.endswith("the end of it")


def test_a_thirty_thousand_character_body_is_read_whole():
    text = "chain wear " * 2700 + "call +44 7700 900123"
    assert sanitize(text) == text


def test_mentions_are_not_words_names_or_code():
    doc = Document.of("@JohnSmith @nic thanks")
    assert doc.words == ("thanks",)
    assert doc.names == ()
    assert doc.code_marks == 0
    assert doc.mentions == 2


def test_email_addresses_are_not_mentions():
    assert Document.of("mail me@example.com").mentions == 0


def test_lone_surrogates_are_replaced():
    assert "\ud800" not in sanitize("broken \ud800 text")


def test_control_and_zero_width_characters_are_removed():
    assert sanitize("ch\u200bain\x00wear") == "chain wear"


def test_fancy_unicode_letters_fold_to_plain_ones():
    assert Document.of("𝐁𝐔𝐘 ｎｏｗ").words == ("buy", "now")


def test_bytes_are_decoded_instead_of_rejected():
    assert Document.of(b"chain \xff wear").words == ("chain", "wear")


def test_links_are_collected_and_kept_out_of_the_words():
    doc = Document.of("See https://example.com/chain-guide for details")
    assert doc.urls == ("https://example.com/chain-guide",)
    assert "example" not in doc.words


def test_capitalised_word_inside_a_sentence_counts_as_a_name():
    assert "zhukov" in Document.of("It was Zhukov who planned it.").names


def test_capitalised_word_opening_a_sentence_is_not_a_name():
    assert Document.of("Remarkable. Brilliant idea.").names == ()


def test_acronyms_count_as_names_even_at_the_start():
    assert "ussr" in Document.of("USSR tanks were better.").names


def test_versions_and_years_count_as_numbers_but_plus_one_does_not():
    assert Document.of("Works on 3.12 since 2023").numbers == 2
    assert Document.of("+1").numbers == 0


def test_operators_and_identifiers_count_as_code():
    assert Document.of("Off by one: use <= n.").code_marks >= 1
    assert Document.of("call os.path_join() here").code_marks >= 1


def test_generic_conversation_is_not_content():
    assert Document.of("Thanks, great answer, I agree").content == ()


def test_script_tags_outside_code_are_flagged():
    assert Document.of("<script>alert(1)</script>").has_script


def test_script_tags_inside_code_spans_are_not_flagged():
    assert not Document.of("Put `<script defer>` in the head.").has_script


def test_prose_mentioning_javascript_is_not_a_javascript_link():
    assert not Document.of("In JavaScript: use let instead of var.").has_script
