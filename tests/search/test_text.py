"""The Swedish text pipeline of the database backend (mirrors the Elasticsearch analyzers)."""

import pytest

from search import text


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("familjecentraler", "familjecentral"),
        ("familjecentralerna", "familjecentral"),
        ("hembesöken", "hembesök"),
        ("ungdomar", "ungdom"),
    ],
)
def test_snowball_swedish_stems(word, stem):
    assert text.stem(word) == stem


def test_inflected_forms_share_a_term():
    assert text.query_terms("familjecentral") & set(text.index_terms("Familjecentralerna"))


@pytest.mark.parametrize(
    ("term", "normalised", "folded"),
    [
        ("äldre", "ældre", "aldre"),
        ("hembesök", "hembesøk", "hembesok"),
        ("blåbärsyltetøj", "blåbærsyltetøj", "blabarsyltetoj"),
        ("koordinator", "kørdinator", "kordinator"),
        ("haag", "håg", "hag"),
        ("linné", "linné", "linne"),
    ],
)
def test_scandinavian_normalisation_and_folding_follow_lucene(term, normalised, folded):
    assert text.normalise(term) == normalised
    assert text.fold(term) == folded


def test_typing_without_a_ring_or_dots_finds_the_word():
    assert text.query_terms("aldremottagningar") & set(text.index_terms("äldremottagningar"))


@pytest.mark.parametrize(
    ("compound", "parts"),
    sorted(text.compounds().items()),
)
def test_each_curated_compound_splits_into_its_parts(compound, parts):
    assert set(parts) <= set(text.decompound(compound)) | {compound}


def test_compound_parts_are_findable_but_not_the_other_way_round():
    assert text.query_terms("omsorg") & set(text.index_terms("äldreomsorgen"))
    assert not text.query_terms("äldreomsorg") & set(text.index_terms("omsorg"))


def test_decompounder_ignores_short_words_and_unlisted_parts():
    assert text.decompound("fall") == []
    assert text.decompound("relevant") == []


def test_data_files_are_consistent():
    for part in text.compound_parts():
        assert len(part) >= text.MIN_SUBWORD_SIZE, part
    for group in text.synonym_groups():
        assert len(group) >= 2
        for word in group:
            assert " " not in word and word == word.lower(), word
    assert {"och", "att", "för", "är"} <= text.stop_words()


def test_synonyms_expand_the_query():
    assert text.query_terms("seniorer") & set(text.index_terms("äldre"))
    assert text.query_terms("ungdomar") & set(text.index_terms("unga"))


def test_query_words_drop_stop_words_and_syntax():
    assert text.query_words('barn som far "illa" OR title:(x') == [
        "barn",
        "far",
        "illa",
        "or",
        "title",
        "x",
    ]


def test_highlight_escapes_and_marks():
    snippet = text.highlight("<b>Hembesöken</b> & mer", text.query_terms("hembesök"))
    assert str(snippet) == "&lt;b&gt;<mark>Hembesöken</mark>&lt;/b&gt; &amp; mer"
    assert text.highlight("ingenting här", text.query_terms("hembesök")) == ""


def test_highlight_shows_the_best_window():
    words = " ".join(["fyllnad"] * 100) + " här finns hembesök till sist"
    snippet = str(text.highlight(words, text.query_terms("hembesök"), max_words=10))
    assert snippet.startswith("… ") and "<mark>hembesök</mark>" in snippet


def test_closest_word():
    vocabulary = ["familjecentral", "familjecentraler", "central", "karlskoga"]
    assert text.closest_word("famljecentral", vocabulary) == "familjecentral"
    assert text.closest_word("karlskgoa", vocabulary) == "karlskoga"
    assert text.closest_word("xyz", vocabulary) is None
