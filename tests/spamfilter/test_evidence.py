from forum.spamfilter import Reply, evidence

THREAD = {
    "thread_title": "Why did the Soviet tanks win at the river in 1939?",
    "thread_body": "The armoured brigades crossed the river and encircled the infantry.",
}
OTHERS = [
    ("How do I bleed hydraulic bicycle brakes?", "The lever feels spongy after a pad change."),
    ("Which sourdough starter ratio works best?", "My bread stays flat after the second rise."),
]


def test_words_tying_a_reply_to_its_thread_are_found():
    found = evidence(Reply(text="The brigades crossed at night, before the tanks.", **THREAD))
    assert {"brigades", "crossed", "tanks"} <= found.ties
    assert not found.fits_anywhere


def test_chatter_words_are_cues_and_it_fits_anywhere():
    found = evidence(Reply(text="Great answer, thanks a lot!", **THREAD), OTHERS)
    assert {"great", "thanks"} <= found.cues
    assert found.own_fit == 0
    assert found.fits_anywhere


def test_without_other_threads_nothing_is_said_about_fitting_anywhere():
    assert not evidence(Reply(text="Great answer, thanks a lot!", **THREAD)).fits_anywhere
