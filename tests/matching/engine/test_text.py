"""Text analysis per language: tokens, stop words, Snowball stems, accent folding."""

from matching.engine.text import Analyzer, fold_accents, guess_language, tokenize


def terms(text, language):
    analyzer = Analyzer()
    return [analyzer.terms[t] for t in analyzer.terms_of(text, language)]


def test_tokenize_lowercases_and_splits_punctuation_and_hyphens():
    assert tokenize("Covid-19: AI-based Triage!") == ["covid", "19", "ai", "based", "triage"]


def test_english_drops_stop_words_and_stems():
    assert terms("The patients are monitoring their wounds", "en") == [
        "patient",
        "monitor",
        "wound",
    ]


def test_danish_stems_and_drops_danish_stop_words():
    assert terms("Borgerne og sygeplejerskerne i hjemmeplejen", "da") == [
        "borg",
        "sygeplejersk",
        "hjemmeplej",
    ]


def test_swedish_stems_and_folds_accents():
    assert terms("Sårbehandlingen för äldre på vårdcentralen", "sv") == [
        "sarbehandling",
        "aldr",
        "vardcentral",
    ]


def test_norwegian_stems_and_drops_norwegian_stop_words():
    assert terms("Legemiddelhåndteringen på sykehjemmene er ikke trygg", "nb") == [
        "legemiddelhandtering",
        "sykehjemm",
        "trygg",
    ]


def test_unknown_language_is_not_stemmed():
    assert terms("Patients monitoring", "xx") == ["patients", "monitoring"]


def test_numbers_are_kept_and_shared_across_languages():
    assert "60" in terms("60 GHz radar", "en")
    assert "60" in terms("60 GHz radar", "da")
    assert terms("007", "en") == ["7"]


def test_cognates_share_a_folded_stem_across_languages():
    assert terms("diabetes", "en") == terms("diabetes", "sv")
    assert fold_accents("Sjælland Ørsted Malmö café") == "Sjaelland Orsted Malmo cafe"


def test_surface_is_the_most_frequent_word_of_a_term():
    analyzer = Analyzer()
    analyzer.analyse(["monitoring monitoring monitored", "monitors"], ["en", "en"])
    term = analyzer.vocab["monitor"]
    assert analyzer.surface(term) == "monitoring"


def test_guess_language_picks_the_language_of_the_stop_words():
    assert guess_language("Vi søger en løsning, hvor borgeren selv måler hjemme") == "da"
    assert guess_language("Vi vill kunna screena direkt på vårdcentralen och inte") == "sv"
    assert guess_language("We want to know in time, without cameras in the rooms") == "en"
