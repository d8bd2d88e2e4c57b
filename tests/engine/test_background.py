"""The shipped background table was made with today's stemmer: a change to stemming that is not
followed by `python -m grading.engine.background` shows here."""

import wordfreq

from grading.engine.background import MIN_ZIPF, background
from grading.engine.text import fold, stem


def test_every_common_dutch_word_has_its_stem_in_the_table():
    table = background()
    words = [w for w in wordfreq.top_n_list("nl", 3_000) if w.isalnum() and wordfreq.zipf_frequency(w, "nl") >= MIN_ZIPF]
    missing = [w for w in words if stem(fold(w)) not in table]
    assert len(words) > 2_000
    assert missing == []
