"""Search in every script: the index and the queries normalise text the same way.

NFKC (ligatures, Arabic presentation forms, half-width Katakana), case folding and accent folding
of Latin, Greek, Cyrillic, Hebrew and Arabic marks, while Indic vowel signs stay; CJK runs as
bigrams. Each case runs end to end on a real catalogue and index.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import unicodedata
import uuid
from pathlib import Path
from typing import Any

import pytest
from whoosh.multiproc import MpWriter

from kmdesk.catalogue import Catalogue
from kmdesk.search import analysis, indexing
from kmdesk.search.analysis import fold, in_language, normalise, plain_analyzer, tokens
from kmdesk.search.schema import build_schema

BASE: dict[str, Any] = {
    "product_type": "guide",
    "themes": ["local-governance"],
    "countries": ["UG"],
    "year": 2021,
}

#: Arabic as PDFs extract it: presentation forms (U+FE70-U+FEFF), lam-alef as one ligature.
ARABIC_PDF = (
    "\ufe8d\ufedf\ufee4\ufef4\ufeb0\ufe8d\ufee7\ufef4\ufe94 "  # الميزانية (the budget)
    "\ufe8d\ufedf\ufe98\ufeb8\ufe8e\ufead\ufedb\ufef4\ufe94 "  # التشاركية (participatory)
    "\ufedf\ufee0\ufee4\ufea0\ufe98\ufee4\ufecc\ufe8e\ufe95 "  # للمجتمعات (for communities)
    "\ufe8d\ufef9\ufea9\ufe8d\ufead\ufe93"  # الإدارة (management), with the lam-alef ligature
)
ARABIC_TYPED = "الميزانية التشاركية للمجتمعات الإدارة"


def add(catalogue: Catalogue, title: str, summary: str = "", **values: Any) -> uuid.UUID:
    return catalogue.products.add({**BASE, "title": title, "summary": summary, **values}).id


def ids(catalogue: Catalogue, query: str) -> list[uuid.UUID]:
    return [hit.id for hit in catalogue.search(query, limit=100).hits]


def test_the_pdf_arabic_sample_is_presentation_forms_of_the_typed_text() -> None:
    assert all(0xFB50 <= ord(c) <= 0xFEFF for c in ARABIC_PDF if c != " ")
    assert unicodedata.normalize("NFKC", ARABIC_PDF) == ARABIC_TYPED


# -- one normalisation on both sides ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("compatible", "ordinary"),
    [
        ("efﬁcient ﬂood", "efficient flood"),  # U+FB01, U+FB02 ligatures
        ("ef\u00adficient", "efficient"),  # a soft hyphen from a PDF line break
        (ARABIC_PDF, ARABIC_TYPED),
        ("ＦＵＬＬ ｗｉｄｔｈ ２０２４", "full width 2024"),
        ("ｺﾐｭﾆﾃｨ", "コミュニティ"),  # half-width Katakana
        ("Straße", "strasse"),
        ("ΩΜΈΓΑ", "ωμεγα"),
        ("Ὀδυσσεύς", "οδυσσευς"),  # polytonic Greek, final sigma
        ("\u041a\u0420\u0410\u0419 \u041a\u0418\u0407\u0412", "край київ"),  # КРАЙ КИЇВ
        ("Łódź œuvre", "lodz oeuvre"),
        ("الْمِيزَانِيَّة", "الميزانية"),  # harakat
        ("كتـــاب", "كتاب"),  # tatweel
    ],
)
def test_compatibility_forms_case_and_accents_give_the_same_tokens(
    compatible: str, ordinary: str
) -> None:
    for language in analysis.INDEX_LANGUAGES:
        assert tokens(language, compatible) == tokens(language, ordinary)
    assert tokens("xx", fold(compatible)) == tokens("xx", compatible)


def test_letters_of_every_script_survive_and_indic_words_stay_whole() -> None:
    assert tokens("xx", ARABIC_TYPED) == ["الميزانية", "التشاركية", "للمجتمعات", "الادارة"]
    assert tokens("xx", "हिन्दी में सहभागी बजट") == ["हिन्दी", "में", "सहभागी", "बजट"]
    assert tokens("xx", "दिन") != tokens("xx", "दान"), "vowel signs are spelling, not accents"
    assert tokens("xx", "Київ край") == ["киів", "краи"]
    assert tokens("xx", "Ωμέγα") == ["ωμεγα"]
    assert tokens("xx", "תַּלְמוּד") == ["תלמוד"]


def test_cjk_runs_become_bigrams_with_unigrams_in_the_index_only() -> None:
    assert tokens("xx", "参与式预算") == ["参与", "与式", "式预", "预算"]
    assert tokens("xx", "水") == ["水"]
    assert tokens("xx", "Python编程 2024年") == ["python", "编程", "2024", "年"]
    indexed = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in plain_analyzer()("水资源", positions=True, chars=True, mode="index")
    ]
    assert indexed == [
        ("水", 0, 0, 1),
        ("水资", 0, 0, 2),
        ("资", 1, 1, 2),
        ("资源", 1, 1, 3),
        ("源", 1, 2, 3),
    ]
    after = [t.pos for t in plain_analyzer()("水资源 next", positions=True, mode="index")]
    assert after[-1] == 2, "a run advances positions once per bigram, as in a query"


def test_offsets_point_into_the_raw_text() -> None:
    text = "An efﬁcient ﬂood plan"
    found = [(t.text, text[t.startchar : t.endchar]) for t in plain_analyzer()(text, chars=True)]
    assert found == [("an", "An"), ("efficient", "efﬁcient"), ("flood", "ﬂood"), ("plan", "plan")]


def _samples() -> list[str]:
    blocks = [
        (0x00A0, 0x052F),  # Latin-1 to Cyrillic supplement
        (0x0590, 0x06FF),  # Hebrew, Arabic
        (0x0900, 0x097F),  # Devanagari
        (0x1E00, 0x1FFF),  # Latin extended additional, Greek extended
        (0x2000, 0x24FF),  # punctuation, letterlike, number forms, enclosed alphanumerics
        (0x3000, 0x30FF),  # CJK symbols, Hiragana, Katakana
        (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility
        (0xF900, 0xFAFF),  # CJK compatibility ideographs
        (0xFB00, 0xFFEF),  # ligatures, presentation forms, half- and full-width forms
    ]
    return [
        chr(code)
        for low, high in blocks
        for code in range(low, high + 1)
        if unicodedata.category(chr(code)) not in ("Cn", "Cs", "Co")
    ]


def test_analysis_is_idempotent_and_fold_changes_no_token() -> None:
    """What a query is made of analyses to itself, and ``fold`` (run on queries) is invisible."""
    analyse = plain_analyzer()
    for char in _samples():
        for text in (char, f"a{char}b", f"中{char}", f"x{char}.y", f"क{char}"):
            for mode in ("query", "index"):
                found = [t.text for t in analyse(text, mode=mode)]
                assert [t.text for t in analyse(fold(text), mode=mode)] == found, text
                for token in found:
                    assert [t.text for t in analyse(token, mode="query")] == [token], text


def test_every_combining_mark_is_a_word_character() -> None:
    marks = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "M"}
    assert marks == set(analysis._MARKS), "a mark outside _MARK_RANGES: widen the ranges"


def test_normalise_is_the_index_form_of_a_word() -> None:
    assert normalise("ÉGALITÉ") == "egalite"
    assert normalise("efﬁcient") == "efficient"
    assert fold("Égalité AND efﬁcient") == "Egalite AND efficient"


# -- end to end ------------------------------------------------------------------------------------


def test_ligatures_are_found_by_ordinary_words_and_back(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    ligature = add(vocab_catalogue, "Water notes", "An efﬁcient ﬂood warning for the ofﬁce.")
    ordinary = add(vocab_catalogue, "Pumps", "An efficient irrigation scheme.")
    report = tmp_path / "report.txt"
    report.write_text("Grants were ﬁnanced to ﬁx the ﬁlters of the wells.\n", encoding="utf-8")
    attached = add(vocab_catalogue, "Field report")
    vocab_catalogue.products.attach(attached, report)
    assert set(ids(vocab_catalogue, "efficient")) == {ligature, ordinary}
    assert set(ids(vocab_catalogue, "efﬁcient")) == {ligature, ordinary}
    assert ids(vocab_catalogue, "flood warning") == [ligature]
    assert ids(vocab_catalogue, '"efficient flood"') == [ligature]
    assert ids(vocab_catalogue, "filters") == [attached]
    (hit,) = vocab_catalogue.search("flood").hits
    assert "<mark>ﬂood</mark>" in hit.snippet


def test_arabic_from_pdfs_matches_typed_arabic(vocab_catalogue: Catalogue, tmp_path: Path) -> None:
    pdf_like = add(vocab_catalogue, "Arabic budget guide", languages=["ar"])
    report = tmp_path / "arabic.txt"
    report.write_text(ARABIC_PDF + "\n", encoding="utf-8")
    vocab_catalogue.products.attach(pdf_like, report)
    typed = add(vocab_catalogue, "Arabic summary", "الْمِيزَانِيَّةُ التَّشَارُكِيَّةُ", languages=["ar"])
    assert set(ids(vocab_catalogue, "الميزانية")) == {pdf_like, typed}
    assert set(ids(vocab_catalogue, "الميزانية التشاركية")) == {pdf_like, typed}
    assert ids(vocab_catalogue, "للمجتمعات") == [pdf_like]
    assert ids(vocab_catalogue, "الإدارة") == [pdf_like]
    assert ids(vocab_catalogue, "الادارة") == [pdf_like], "hamza folded on both sides"
    assert set(ids(vocab_catalogue, "\ufe8d\ufedf\ufee4\ufef4\ufeb0\ufe8d\ufee7\ufef4\ufe94")) == {
        pdf_like,
        typed,
    }


@pytest.mark.parametrize(
    ("language", "summary", "queries"),
    [
        ("el", "Ωμέγα: η διαχείριση των υδάτων", ["Ωμέγα", "ωμεγα", "ΩΜΕΓΑ", "υδάτων"]),
        ("uk", "Київ: громадський бюджет", ["Київ", "київ", "КИЇВ", "громадський бюджет"]),
        ("ru", "Край озёр и лесов", ["край", "Край", "озёр", "озер"]),
        ("hi", "हिन्दी में सहभागी बजट की मार्गदर्शिका", ["हिन्दी", "बजट", "सहभागी बजट"]),
        (
            "zh",
            "参与式预算帮助社区管理水资源。",
            ["预算", "水资源", "社区管理", "参与式预算", "水"],
        ),
        (
            "ja",
            "住民参加型の予算編成とコミュニティの水管理について",
            ["予算", "予算編成", "コミュニティ", "ｺﾐｭﾆﾃｨ", "水管理", "水"],
        ),
        ("ko", "주민참여예산 제도의 운영", ["참여예산", "예산", "운영"]),
    ],
)
def test_scripts_are_found_as_typed(
    vocab_catalogue: Catalogue, language: str, summary: str, queries: list[str]
) -> None:
    target = add(vocab_catalogue, f"Guide ({language})", summary, languages=[language])
    add(vocab_catalogue, "Unrelated report on fisheries", "Nets and boats.", languages=[language])
    for query in queries:
        assert ids(vocab_catalogue, query) == [target], query


def test_cjk_words_match_only_where_their_characters_are_adjacent(
    vocab_catalogue: Catalogue,
) -> None:
    target = add(vocab_catalogue, "预算指南", "参与式预算帮助社区管理水资源。", languages=["zh"])
    other = add(vocab_catalogue, "水利", "社区的水井。管理预算。", languages=["zh"])
    assert ids(vocab_catalogue, '"社区管理"') == [target]
    assert ids(vocab_catalogue, "社区管理") == [target]
    assert ids(vocab_catalogue, "算社") == []
    assert set(ids(vocab_catalogue, "预算")) == {target, other}
    assert set(ids(vocab_catalogue, "井")) == {other}


def test_dissimilar_words_do_not_meet(vocab_catalogue: Catalogue) -> None:
    add(vocab_catalogue, "Hindi day", "दिन", languages=["hi"])
    assert ids(vocab_catalogue, "दान") == []
    assert ids(vocab_catalogue, "दन") == []


# -- the schema travels ----------------------------------------------------------------------------


def test_schema_pickles_and_analyses_the_same_in_a_fresh_interpreter(tmp_path: Path) -> None:
    schema = build_schema()
    restored = pickle.loads(pickle.dumps(schema))
    text = f"Efﬁcient 参与式预算 हिन्दी {ARABIC_PDF} Київ"
    values = {
        "title_words": in_language("en", text),
        "text_words": in_language("fr", text),
        "full_words": text,  # no language: neutral
        "names": text,
        "org": text,
        "words": text,
    }
    for name, value in values.items():
        expected = [t.text for t in schema[name].analyzer(value, mode="index")]
        assert expected
        assert [t.text for t in restored[name].analyzer(value, mode="index")] == expected
    french = [t.text for t in schema["text_words"].analyzer(in_language("fr", "participatifs"))]
    english = [t.text for t in schema["text_words"].analyzer(in_language("en", "participatifs"))]
    assert french != english  # each document by its own language's rules
    pickled = tmp_path / "schema.pickle"
    pickled.write_bytes(pickle.dumps(schema))
    script = (
        "import pickle, sys; schema = pickle.loads(open(sys.argv[1], 'rb').read()); "
        "print('|'.join(t.text for t in schema['full_words'].analyzer(sys.argv[2], mode='index')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(pickled), text],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    ).stdout.strip()
    assert output.split("|") == [t.text for t in schema["full_words"].analyzer(text, mode="index")]


def test_a_multi_process_rebuild_finds_every_script(
    vocab_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes unpickle the schema from the index and analyse with it."""
    products = {
        "efficient": add(vocab_catalogue, "Notes", "An efﬁcient plan."),
        "预算": add(vocab_catalogue, "预算", "参与式预算。", languages=["zh"]),
        "الميزانية": add(vocab_catalogue, "Arabic", ARABIC_PDF, languages=["ar"]),
        "हिन्दी": add(vocab_catalogue, "Hindi", "हिन्दी में", languages=["hi"]),
    }
    # Whoosh hands documents to its workers by batches of 100: one by one here.
    assert MpWriter.__init__.__defaults__ == (None, 100, None, False)
    monkeypatch.setattr(MpWriter.__init__, "__defaults__", (None, 1, None, False))
    tasks: list[object] = []
    new_task = MpWriter._new_task

    def counted(writer: MpWriter) -> object:
        tasks.append(new_task(writer))
        return tasks[-1]

    monkeypatch.setattr(MpWriter, "_new_task", counted)
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 1)
    # pytest-xdist's workers run threads of their own: fork anyway, as the command line does.
    monkeypatch.setattr(indexing, "forking_is_safe", lambda: True)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert vocab_catalogue.reindex().rebuilt
    assert tasks, "the rebuild ran in worker processes"
    for query, product in products.items():
        assert ids(vocab_catalogue, query) == [product], query


def test_a_process_running_other_threads_rebuilds_in_one_process() -> None:
    import threading

    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not indexing.forking_is_safe()
    finally:
        release.set()
        worker.join()
