import pytest

from forum.questions.scraped import parse_scraped_thread

PAGE = """Why is the sky blue?

Why is the sky blue?

We are searching data for your request:

Forums and discussions:
Wait the end of the search in all databases.

I have always wondered about this. What makes it blue?

Rayleigh scattering

Short wavelengths scatter more.

  • blue scatters most
  • red least

Another answer: it is the ocean, reflected.

Watch the video: Sky facts


  1. Spammy

    I congratulate, what excellent words.

  2. Other

    Thanks, see you in the other thread.

Write a message"""


def test_parser_splits_question_and_answers_at_the_given_openings():
    thread = parse_scraped_thread(PAGE, answer_starts=["Rayleigh scattering", "Another answer"])
    assert thread.title == "Why is the sky blue?"
    assert thread.question == "I have always wondered about this. What makes it blue?"
    assert len(thread.answers) == 2
    assert thread.answers[1] == "Another answer: it is the ocean, reflected."


def test_parser_drops_scraper_boilerplate_and_duplicated_title():
    thread = parse_scraped_thread(PAGE, answer_starts=["Rayleigh scattering", "Another answer"])
    everything = " ".join([thread.question, *thread.answers, *(c.body for c in thread.comments)])
    for boilerplate in (
        "We are searching",
        "Forums and discussions",
        "Watch the video",
        "Write a message",
    ):
        assert boilerplate not in everything
    assert "Why is the sky blue?" not in everything


def test_parser_turns_bullets_into_markdown_and_short_lines_into_headings():
    thread = parse_scraped_thread(PAGE, answer_starts=["Rayleigh scattering", "Another answer"])
    assert thread.answers[0].startswith("### Rayleigh scattering")
    assert "- blue scatters most\n- red least" in thread.answers[0]


def test_parser_reads_numbered_comments_with_their_authors():
    thread = parse_scraped_thread(PAGE, answer_starts=["Rayleigh scattering", "Another answer"])
    assert [(c.author, c.body) for c in thread.comments] == [
        ("Spammy", "I congratulate, what excellent words."),
        ("Other", "Thanks, see you in the other thread."),
    ]


def test_parser_names_an_answer_opening_it_cannot_find():
    with pytest.raises(ValueError, match="Nowhere"):
        parse_scraped_thread(PAGE, answer_starts=["Rayleigh scattering", "Nowhere"])
