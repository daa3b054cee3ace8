"""The Swedish text pipeline of the database backend (mirrors the Elasticsearch analyzers)."""

import pytest

from search import query as search_query
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
    assert search_query.word_group("familjecentral").terms & set(
        text.index_terms("Familjecentralerna")
    )


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
    assert search_query.word_group("aldremottagningar").terms & set(
        text.index_terms("äldremottagningar")
    )


@pytest.mark.parametrize(
    ("compound", "parts"),
    sorted(text.compounds().items()),
)
def test_each_curated_compound_splits_into_its_parts(compound, parts):
    assert set(parts) <= set(text.decompound(compound)) | {compound}


def _matches(query_word, indexed_text):
    terms = set(text.index_terms(indexed_text))
    return any(
        all(slot & terms for slot in alternative)
        for alternative in search_query.word_group(query_word).alternatives
    )


def test_compounds_are_split_in_the_query_and_the_text():
    assert _matches("omsorg", "äldreomsorgen")
    assert _matches("äldreomsorg", "omsorg om äldre")
    assert _matches("barnfetma", "barn med fetma")
    assert _matches("elevhälsan", "elevhälsa")
    assert not _matches("äldreomsorg", "omsorg")


def test_decompounder_ignores_short_words_and_unlisted_parts():
    assert text.decompound("fall") == []
    assert text.decompound("relevant") == []


def test_data_files_are_consistent():
    for part in text.compound_parts():
        assert len(part) >= text.MIN_SUBWORD_SIZE, part
    for group in text.synonym_groups():
        assert len(group) >= 2
        for entry in group:
            assert entry == entry.lower() and search_query.slot(entry.split()[0]), entry
    for rule in text.synonym_rules():  # Elasticsearch's synonym_graph: single words
        assert " " not in rule.replace(", ", ","), rule
    assert {"och", "att", "för", "är"} <= text.stop_words()


def test_synonyms_expand_the_query():
    assert search_query.word_group("seniorer").terms & set(text.index_terms("äldre"))
    assert search_query.word_group("ungdomar").terms & set(text.index_terms("unga"))


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
    snippet = text.highlight("<b>Hembesöken</b> & mer", search_query.word_group("hembesök").terms)
    assert str(snippet) == "&lt;b&gt;<mark>Hembesöken</mark>&lt;/b&gt; &amp; mer"
    assert text.highlight("ingenting här", search_query.word_group("hembesök").terms) == ""


def test_highlight_shows_the_best_window():
    words = " ".join(["fyllnad"] * 100) + " här finns hembesök till sist"
    snippet = str(text.highlight(words, search_query.word_group("hembesök").terms, max_words=10))
    assert snippet.startswith("… ") and "<mark>hembesök</mark>" in snippet


def test_closest_word():
    vocabulary = ["familjecentral", "familjecentraler", "central", "karlskoga"]
    assert text.closest_word("famljecentral", vocabulary) == "familjecentral"
    assert text.closest_word("karlskgoa", vocabulary) == "karlskoga"
    assert text.closest_word("xyz", vocabulary) is None


def test_a_query_loses_its_question_words_unless_nothing_else_is_left():
    assert text.query_words("Vad gör regionen för barn som far illa?") == [
        "regionen",
        "barn",
        "far",
        "illa",
    ]
    assert text.query_words("exempel på fallprevention") == ["fallprevention"]
    assert text.query_words("goda exempel") == ["goda", "exempel"]


def test_a_doubled_letter_is_the_likelier_typo():
    """ "gottland" is one edit from Gotland and from Götaland (folded "gotaland"): the letter
    typed twice is the likelier slip."""
    assert text.closest_words("gottland", ["gotaland", "gotland"]) == ["gotland", "gotaland"]
    assert text.closest_word("allaktivitetshuss", ["allaktivitetshus"]) == "allaktivitetshus"
