"""The index's fields and how a product becomes one index document.

Text goes to one field per role: ``title_words``, ``text_words`` (subtitle, summary, keywords,
titles of translations) and ``full_words`` (attachment text), each document's text stemmed by
its own language's rules (:class:`~kmdesk.search.analysis.DocumentLanguageAnalyzer`); a query
word asks for its distinct terms across the languages, so ``budgets participatifs`` finds
French products through French stems and English ones through English stems, in a few leaves
per field. Vocabulary labels (in every UI language), organisation, partnership and author names
go to one neutral ``names`` field for plain searches, and to one field each for field queries
(``org:``, ``theme:``...). Facets and filters use
keyword fields holding stable keys (``f_theme``...). Stored fields are only what a result row
and its snippet need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from kmdesk.collation import sort_key
from kmdesk.geo import REGIONS, country_name
from kmdesk.records import ProductRecord, VocabularyTerm
from kmdesk.search.analysis import (
    DocumentLanguageAnalyzer,
    in_language,
    index_language,
    neutral_analyzer,
    plain_analyzer,
)
from kmdesk.vocabulary import ANNOTATED_BY_ME, ANNOTATED_BY_OTHERS

#: Bumped whenever fields or analysis change: an index of another version is rebuilt.
SCHEMA_VERSION = 9

TITLE_BOOST = 2.0
TEXT_BOOST = 1.0
FULL_TEXT_BOOST = 0.6
META_BOOST = 1.5

#: Facet name → keyword field holding its values (stable keys, codes or years).
FACET_FIELDS: dict[str, str] = {
    "theme": "f_theme",
    "type": "f_type",
    "partnership": "f_partnership",
    "organisation": "f_org",
    "country": "f_country",
    "language": "f_language",
    "year": "f_year",
    "tag": "f_tag",
    "annotated": "f_annotated",
}


#: Field names people may type before a colon, and the index fields they search.
QUERY_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title_words",),
    "text": ("text_words", "full_words"),
    "org": ("org",),
    "organisation": ("org",),
    "partnership": ("partnership",),
    "author": ("author",),
    "theme": ("theme",),
    "type": ("type",),
    "country": ("country",),
    "keyword": ("keyword",),
    "language": ("f_language",),
    "year": ("year",),
}

#: Fields of names and vocabulary labels, one each for ``field:`` queries.
NAME_FIELDS: tuple[str, ...] = ("org", "partnership", "author", "theme", "type", "country")
#: All of them in one field, for plain searches.
NAMES_FIELD = "names"

#: The fields a word without a field name is looked up in.
DEFAULT_FIELDS: tuple[str, ...] = ("title_words", "text_words", "full_words", NAMES_FIELD)

SPELLING_FIELD = "words"


def build_schema() -> Schema:
    """The Whoosh schema of a kmdesk index."""
    fields: dict[str, object] = {
        "id": ID(stored=True, unique=True),
        "seq": STORED(),
        "title": STORED(),
        "summary": STORED(),
        "languages": STORED(),
        "type_key": STORED(),
        "attachments": STORED(),
        #: The words of the product's notes, one note a paragraph: for snippets.
        "notes": STORED(),
        "lang": STORED(),
        "year": NUMERIC(int, bits=32, stored=True, sortable=True),
        "sort_title": ID(sortable=True),
        SPELLING_FIELD: TEXT(analyzer=plain_analyzer(), phrase=False),
    }
    by_language = DocumentLanguageAnalyzer()
    fields["title_words"] = TEXT(analyzer=by_language, field_boost=TITLE_BOOST)
    fields["text_words"] = TEXT(analyzer=by_language, field_boost=TEXT_BOOST)
    fields["full_words"] = TEXT(analyzer=by_language, field_boost=FULL_TEXT_BOOST)
    fields[NAMES_FIELD] = TEXT(analyzer=neutral_analyzer(), field_boost=META_BOOST)
    for name in NAME_FIELDS:
        fields[name] = TEXT(analyzer=neutral_analyzer(), field_boost=META_BOOST)
    fields["keyword"] = TEXT(analyzer=neutral_analyzer())
    for field in FACET_FIELDS.values():
        fields[field] = KEYWORD(commas=True, lowercase=False, scorable=False)
    return Schema(**fields)


def _labels(terms: tuple[VocabularyTerm, ...]) -> list[str]:
    """Key, acronym and every translated label of some vocabulary entries."""
    words: list[str] = []
    for term in terms:
        words.append(term.key.replace("-", " "))
        if term.acronym:
            words.append(term.acronym)
        words.extend(dict.fromkeys(term.labels.values()))
    return words


def _in(language: str, text: str | None) -> str:
    """A language field's value (empty without text, so that the field is left out)."""
    return in_language(language, text) if text else ""


@dataclass(frozen=True, slots=True)
class NoteText:
    """What the index keeps of a note: its words and tags, and whether it was made here."""

    body: str
    quote: str
    tags: tuple[tuple[str, str], ...]  # (index value of the key, as written)
    mine: bool


def product_document(
    record: ProductRecord, texts: Mapping[str, str], notes: Sequence[NoteText] = ()
) -> dict[str, object]:
    """The index document of a product; ``texts`` maps attachment SHA-256 to extracted text.

    The words of the product's notes (private ones included: the index never leaves this
    installation) count as the product's own text, so a product is found by a word of a note;
    their tags are a facet, and ``annotated`` says whether notes were made here or received.
    """
    note_words = [
        text for note in notes for text in (note.body, note.quote, *(t for _k, t in note.tags))
    ]
    lang = index_language(record.languages[0] if record.languages else None)
    organisations = tuple(role.organisation for role in record.organisations)
    countries = [f"{code} {country_name(code)}" for code in record.countries]
    regions = [REGIONS.get(code, code) for code in record.regions]
    translation_titles = [
        link.product_title
        for link in record.links
        if link.link_type in ("translation-of", "version-of")
    ]
    attachment_texts = [texts[a.sha256] for a in record.attachments if texts.get(a.sha256)]
    names = [
        *_labels((record.product_type,)),
        *_labels(record.themes),
        *_labels(record.partnerships),
        *_labels(organisations),
        *record.authors,
    ]
    document: dict[str, object] = {
        "id": str(record.id),
        "seq": str(record.seq),
        "title": record.title,
        "summary": record.summary,
        "languages": ",".join(record.languages),
        "type_key": record.product_type.key,
        "attachments": [a.sha256 for a in record.attachments if texts.get(a.sha256)],
        "lang": lang,
        "sort_title": sort_key(record.title),
        "title_words": _in(lang, record.title),
        "text_words": _in(
            lang,
            "\n".join(
                filter(
                    None,
                    [
                        record.subtitle,
                        record.summary,
                        *record.keywords,
                        *translation_titles,
                        *note_words,
                    ],
                )
            ),
        ),
        SPELLING_FIELD: "\n".join(
            filter(
                None,
                [record.title, record.subtitle, record.summary, *record.keywords, *names]
                + [text for note in notes for text in (note.body, *(t for _k, t in note.tags))],
            )
        ),
        NAMES_FIELD: "\n".join([*names, *countries, *regions]),
        "org": "\n".join(_labels(organisations)),
        "partnership": "\n".join(_labels(record.partnerships)),
        "author": "\n".join(record.authors),
        "theme": "\n".join(_labels(record.themes)),
        "type": "\n".join(_labels((record.product_type,))),
        "country": "\n".join([*countries, *regions]),
        "keyword": "\n".join(record.keywords),
        "f_theme": ",".join(t.key for t in record.themes),
        "f_type": record.product_type.key,
        "f_partnership": ",".join(p.key for p in record.partnerships),
        "f_org": ",".join(dict.fromkeys(o.key for o in organisations)),
        "f_country": ",".join(record.countries),
        "f_language": ",".join(dict.fromkeys(t.split("-")[0] for t in record.languages)),
        "f_tag": ",".join(dict.fromkeys(key for note in notes for key, _tag in note.tags)),
        "f_annotated": ",".join(
            dict.fromkeys(ANNOTATED_BY_ME if note.mine else ANNOTATED_BY_OTHERS for note in notes)
        ),
    }
    if note_words:
        from kmdesk.markdown_safety import note_text  # markdown-it: only when there are notes

        document["notes"] = "\n\n".join(
            " ".join(filter(None, (note_text(note.body), note.quote, *(t for _k, t in note.tags))))
            for note in notes
        )
    if attachment_texts:
        document["full_words"] = _in(lang, "\n\n".join(attachment_texts))
    if record.year is not None:
        document["year"] = record.year
        document["f_year"] = str(record.year)
    return {key: value for key, value in document.items() if value not in ("", None)}
