"""Text analysis in every script, the same for what is indexed and what is asked.

Every word, in a document or in a query, is normalised by the same steps, in this order:

1. **Words are found in the raw text** (so that highlighting offsets point into it): runs of word
   characters (Python's ``\\w``: letters, digits, ``_``) *and combining marks* (categories Mn, Mc,
   Me), with inner dots kept (``3.5``, ``e.g``). Marks must count as word characters: Devanagari
   vowel signs and virama are not ``\\w`` in Python, and Whoosh's own tokenizer cut ``हिन्दी`` into
   ``ह``, ``न``, ``द``. The soft hyphen, ZWNJ and ZWJ are kept inside a word too (and deleted in
   step 4): PDFs hyphenate with soft hyphens, Indic and Persian text puts joiners inside words.
2. **NFKC**: compatibility forms become ordinary text: ligatures (``ﬁ`` → ``fi``), the Arabic
   presentation forms PDFs produce (U+FB50–U+FDFF, U+FE70–U+FEFF) → ordinary Arabic letters,
   full-width and half-width forms, superscripts, circled letters, Roman numerals...
3. **Case folding** (:meth:`str.casefold`, more than lower case: ``ß`` → ``ss``, ``ς`` → ``σ``).
4. **Accent folding**: canonical decomposition (NFD), deletion of *some* marks, recomposition
   (NFC). Deleted are the marks that people leave out when they type, or that vary between
   sources of the same word:

   - the diacritics of Latin, Greek and Cyrillic, that is the combining diacritical marks blocks
     (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F) and the
     Cyrillic U+0483–U+0489: ``é`` → ``e``, ``ά`` → ``α``, and so also ``й`` → ``и``,
     ``ї`` → ``і``, ``ё`` → ``е``: harmless since both sides fold alike (``край`` is found by
     ``край``, ``КРАЙ`` or ``краи``), and helpful where people type ``е`` for ``ё``;
   - Hebrew points, Arabic harakat, Quranic marks, hamza and madda above or below, and tatweel
     (``ـ``): vocalised and plain Arabic meet, and ``أ``, ``إ``, ``آ`` are ``ا``;
   - soft hyphen, ZWNJ, ZWJ (the Greek iota subscript becomes ``ι``, as case folding makes it);
   - and a few Latin letters without a decomposition become their base: ``ł`` → ``l``,
     ``ø`` → ``o``, ``đ``/``ð`` → ``d``, ``ħ`` → ``h``, ``ı`` → ``i``, ``æ`` → ``ae``,
     ``œ`` → ``oe``, ``þ`` → ``th``...

   Every other mark stays: the vowel signs, virama and nukta of Devanagari and the other Indic
   scripts, and the marks of Thai and other Southeast Asian scripts are spelling, not accents.
   Deleting them on both sides would be consistent but would merge different words (``दिन``
   "day" and ``दान`` "gift" would both be ``दन``).
5. **Chinese, Japanese, Korean**: runs of Han, Hiragana, Katakana and Hangul (after NFKC, so
   half-width Katakana are ordinary Katakana) are cut into overlapping bigrams at consecutive
   positions (``人民共和国`` → ``人民``, ``民共``, ``共和``, ``和国``), Latin letters or digits
   touching a run being words of their own (``2024年`` → ``2024``, ``年``). A query word of two
   characters is then one bigram; a longer one gives several, at consecutive positions: as a
   phrase they match exactly that run (:func:`has_cjk` tells the query side when to do so). In the
   index (``mode="index"``) every character of a run is also a unigram, at the position of its
   bigram, so that a query of one character finds it inside words; queries and highlighting give
   bigrams only (a run of one character gives that character), so that two characters ask for
   their bigram, not for two single characters anywhere. Thai, Lao, Khmer and Myanmar, also
   written without spaces, are not segmented: a run of them is one token.

Then stop words are dropped and words stemmed, for the languages that have rules for it; stop
words and the stemmer see folded words, so ``genero``, ``género`` and ``GÉNERO`` give the same
token whatever the keyboard, and ``budgets participatifs`` meets ``budget participatif``.

:func:`normalise` is steps 2 to 4 for one word; :func:`fold` is steps 2 and 4 word by word, case
kept, for a query before it is parsed (``AND`` stays an operator): the analyzers give the same
tokens for a text and its fold.

The analyzers are Whoosh's own classes and :class:`ScriptTokenizer`, a module-level class without
state: the index stores its schema by pickling it, and a multi-process rebuild sends it to worker
processes. Renaming or moving that class makes existing indexes unreadable: they are then rebuilt,
as when ``SCHEMA_VERSION`` changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from whoosh.analysis import (
    Analyzer,
    CompositeAnalyzer,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.lang import stopwords_for_language

#: Languages analysed with their own stop words and stemmer; others use the neutral analyzer.
STEMMED_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "pt", "nl")
#: The pseudo-language of text in any other language (folded, not stemmed).
NEUTRAL = "xx"
INDEX_LANGUAGES: tuple[str, ...] = (*STEMMED_LANGUAGES, NEUTRAL)

# -- character classes -----------------------------------------------------------------------------

#: The Unicode ranges holding every combining mark (checked against the whole range by a test);
#: scanning these instead of all of Unicode keeps the import fast.
_MARK_RANGES: tuple[tuple[int, int], ...] = (
    (0x0300, 0x33FF),
    (0xA4D0, 0xABFF),
    (0xFB1E, 0xFE2F),
    (0x10000, 0x11FFF),
    (0x13400, 0x1345F),
    (0x16A00, 0x16FFF),
    (0x1BC00, 0x1BCAF),
    (0x1CF00, 0x1CFCF),
    (0x1D100, 0x1D24F),
    (0x1DA00, 0x1DAAF),
    (0x1E000, 0x1E95F),
    (0xE0100, 0xE01EF),
)

#: Han, Hiragana, Katakana and Hangul: scripts written without spaces between words.
_CJK = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3005-\u3007\u3021-\u3029\u3031-\u3035\u303b\u303c"  # 々〆〇, Suzhou numerals, repeat marks
    "\u3041-\u309a\u309d-\u309f"  # Hiragana, with its combining voicing marks
    "\u30a1-\u30fa\u30fc-\u30ff"  # Katakana (not the middle dot)
    "\u3131-\u318e"  # Hangul compatibility jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf\u4e00-\u9fff"  # CJK unified ideographs and extension A
    "\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"  # Hangul syllables and jamo
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f\uffa0-\uffdc"  # half-width Katakana and Hangul
    "\U0001b000-\U0001b16f"  # Kana supplement and extension A
    "\U00020000-\U000323af"  # CJK extensions B to H, compatibility supplement
)
_CJK_SET = re.compile(f"[{_CJK}]")

#: Kept inside words, deleted by folding: soft hyphen, zero width non-joiner and joiner.
_INVISIBLE = "\u00ad\u200c\u200d"


def _class(codes: list[int]) -> str:
    """A regular expression character class body (without brackets) of ``codes``."""
    parts: list[str] = []
    start = previous = -2
    for code in [*codes, -2]:
        if code == previous + 1:
            previous = code
            continue
        if start >= 0:
            parts.append(f"\\U{start:08x}" + (f"-\\U{previous:08x}" if previous > start else ""))
        start = previous = code
    return "".join(parts)


def _marks() -> list[int]:
    category = unicodedata.category
    return [
        code
        for low, high in _MARK_RANGES
        for code in range(low, high + 1)
        if category(chr(code))[0] == "M"
    ]


_MARKS = _marks()
_MARK_CLASS = _class(_MARKS)
_WORD_CHAR = f"[\\w{_MARK_CLASS}{_INVISIBLE}]"
#: A word in raw text: word characters and marks, with single inner dots (``3.5``, ``e.g``).
_WORD = re.compile(f"{_WORD_CHAR}+(?:\\.{_WORD_CHAR}+)*")
_PLAIN_CHAR = (
    f"(?:[^\\W{_CJK}]|[{_class([m for m in _MARKS if not _CJK_SET.match(chr(m))])}{_INVISIBLE}])"
)
#: A normalised word that is one token as it is: no CJK, nothing that is not a word character.
_PLAIN = re.compile(f"{_PLAIN_CHAR}+(?:\\.{_PLAIN_CHAR}+)*")
#: The tokens of any other normalised word: CJK runs (group 1) and plain words.
_PIECE = re.compile(f"([{_CJK}]+)|{_PLAIN.pattern}")


def _fold_table() -> dict[int, str | None]:
    """What accent folding deletes or replaces, once text is decomposed (see the docstring)."""
    deleted = [
        (0x0300, 0x036F),
        (0x0483, 0x0489),
        (0x0591, 0x05BD),
        (0x05BF, 0x05BF),
        (0x05C1, 0x05C2),
        (0x05C4, 0x05C5),
        (0x05C7, 0x05C7),
        (0x0610, 0x061A),
        (0x0640, 0x0640),
        (0x064B, 0x065F),
        (0x0670, 0x0670),
        (0x06D6, 0x06DC),
        (0x06DF, 0x06E4),
        (0x06E7, 0x06E8),
        (0x06EA, 0x06ED),
        (0x08CA, 0x08E1),
        (0x08E3, 0x08FF),
        (0x1AB0, 0x1AFF),
        (0x1DC0, 0x1DFF),
        (0x20D0, 0x20FF),
        (0xFE20, 0xFE2F),
    ]
    table: dict[int, str | None] = {
        code: None for low, high in deleted for code in range(low, high + 1)
    }
    table.update(dict.fromkeys(map(ord, _INVISIBLE)))
    table[0x0345] = "\u03b9"  # the iota subscript is an iota once case folded: so in fold() too
    letters = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ƀ": "b", "ɨ": "i"}
    letters |= {"ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
    for letter, base in letters.items():
        table[ord(letter)] = base
        if letter.upper() != letter:
            table[ord(letter.upper())] = base.capitalize()
    return table


_FOLD = _fold_table()


# -- normalisation ---------------------------------------------------------------------------------


def normalise(word: str) -> str:
    """One word as the index holds it: NFKC, case folded, accents folded (see the docstring).

    It is the whole normalisation of a word, not its tokenization: the result may hold several
    tokens (``½`` → ``1⁄2``, ``中文`` → one CJK run), which :func:`tokens` would separate.
    """
    if word.isascii():
        return word.lower()
    folded = unicodedata.normalize("NFKC", word).casefold()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", folded).translate(_FOLD))


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Han, Hiragana, Katakana or Hangul: words analysed as bigrams."""
    return _CJK_SET.search(text) is not None


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    if word.isascii():
        return word
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", word).translate(_FOLD))


def fold(text: str) -> str:
    """``text`` with each word's compatibility forms and accents folded, its case kept.

    ``Égalité`` → ``Egalite``, ``efﬁcient`` (with the ligature) → ``efficient``; characters
    between words (operators, quotes, parentheses) are left alone. The analyzers give the same
    tokens for ``text`` and ``fold(text)``.
    """
    return text if text.isascii() else _WORD.sub(_fold_word, text)


class ScriptTokenizer(Tokenizer):
    """Words normalised (NFKC, case, accents), CJK runs as bigrams: see the module docstring.

    Positions advance once per word, and once per bigram of a CJK run; ``startchar`` and
    ``endchar`` are offsets in the raw text (a whole word's when normalising changed its length).
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.text = normalise(value)
            token.original = value
            token.boost = 1.0
            token.pos = start_pos
            token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        unigrams = mode == "index"
        pos = start_pos
        for match in _WORD.finditer(value):
            word = match.group()
            if word.isascii():
                text = word.lower()
            else:
                text = normalise(word)
                if not _PLAIN.fullmatch(text):
                    # Several tokens (CJK bigrams, or a compatibility form that holds a space or a
                    # sign); offsets in ``text`` are offsets in ``word`` only when lengths agree.
                    offset = start_char + match.start()
                    exact = len(text) == len(word)
                    for piece, first, last, at in _pieces(text, pos, unigrams):
                        token.text = piece
                        token.boost = 1.0
                        token.stopped = False
                        if keeporiginal:
                            token.original = word
                        if positions:
                            token.pos = at
                        if chars:
                            token.startchar = offset + (first if exact else 0)
                            token.endchar = offset + (last if exact else len(word))
                        yield token
                        pos = at + 1
                    continue
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token
            pos += 1


def _pieces(text: str, pos: int, unigrams: bool) -> Iterator[tuple[str, int, int, int]]:
    """The tokens of a normalised word that is not a plain word: ``(text, start, end, pos)``."""
    for match in _PIECE.finditer(text):
        run = match.group(1)
        if run is None or len(run) == 1:
            yield match.group(), match.start(), match.end(), pos
            pos += 1
            continue
        offset = match.start()
        for i in range(len(run) - 1):
            if unigrams:
                yield run[i], offset + i, offset + i + 1, pos
            yield run[i : i + 2], offset + i, offset + i + 2, pos
            pos += 1
        if unigrams and run[-1] != run[-2]:
            yield run[-1], offset + len(run) - 1, offset + len(run), pos - 1


# -- analyzers -------------------------------------------------------------------------------------


def index_language(tag: str | None) -> str:
    """The analysis language of a BCP 47 tag (``pt-BR`` → ``pt``; unknown → neutral)."""
    primary = (tag or "").split("-")[0].lower()
    return primary if primary in STEMMED_LANGUAGES else NEUTRAL


def strip_plural(word: str) -> str:
    """A light, language-neutral stemmer: ``budgets`` → ``budget``, ``process`` kept."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def plain_analyzer() -> Analyzer:
    """Normalised words, nothing removed: the spelling dictionary and query parsing."""
    return CompositeAnalyzer(ScriptTokenizer())


@cache
def analyzer(language: str) -> Analyzer:
    """The analyzer of ``language`` (one of :data:`INDEX_LANGUAGES`)."""
    base = plain_analyzer()
    if language == NEUTRAL:
        return base | StemFilter(stemfn=strip_plural)
    stoplist = frozenset(normalise(word) for word in stopwords_for_language(language))
    return base | StopFilter(stoplist=stoplist, minsize=1) | StemFilter(lang=language)


@cache
def neutral_analyzer() -> Analyzer:
    """Names and vocabulary labels, in any language: folded, plurals lightened."""
    return analyzer(NEUTRAL)


def tokens(language: str, text: str) -> list[str]:
    """The index terms a query's ``text`` gives in ``language`` (to expand queries per language).

    Analysed as a query: a CJK run gives its bigrams without the unigrams the index also holds.
    ``language`` :data:`ANY_LANGUAGE`: the distinct terms of every language, each language's in
    order (``water`` → ``water``, ``wat``).
    """
    if language == ANY_LANGUAGE:
        return list(dict.fromkeys(t for lang in INDEX_LANGUAGES for t in tokens(lang, text)))
    return [token.text for token in analyzer(language)(text, mode="query")]


def token_sequences(language: str, text: str) -> list[list[str]]:
    """The distinct term sequences ``text`` gives (one per language for :data:`ANY_LANGUAGE`),
    for phrases."""
    languages = INDEX_LANGUAGES if language == ANY_LANGUAGE else (language,)
    sequences: dict[tuple[str, ...], None] = {}
    for lang in languages:
        sequences[tuple(tokens(lang, text))] = None
    return [list(sequence) for sequence in sequences if sequence]


#: The pseudo-language of a field whose documents are each analysed in their own language.
ANY_LANGUAGE = "*"
#: Between a document's language and its text, in the value of such a field.
LANGUAGE_MARK = "\x1f"


def in_language(language: str, text: str) -> str:
    """The value of a :class:`DocumentLanguageAnalyzer` field: ``text`` to analyse in
    ``language``."""
    return f"{language}{LANGUAGE_MARK}{text}"


class DocumentLanguageAnalyzer(Analyzer):
    """Analyses each document's text by the rules of the document's own language.

    One field holds the titles (or summaries, or attachment texts) of products in every
    language: the value names its language (:func:`in_language`), and that language's analyzer
    stems it. A query asks for a word's distinct terms across the languages
    (:func:`tokens` with :data:`ANY_LANGUAGE`): a few leaves per word and field, where one field
    per language made a dozen. A value without a language is analysed as neutral text.
    """

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        language, mark, text = value.partition(LANGUAGE_MARK)
        if not mark:
            language, text = NEUTRAL, value
        elif language not in INDEX_LANGUAGES:
            language = NEUTRAL
        return analyzer(language)(text, **kwargs)


def field_language(fieldname: str) -> str | None:
    """The analysis language of an index field (``title`` → :data:`ANY_LANGUAGE`, names →
    neutral); ``None``: not analysed."""
    if fieldname in LANGUAGE_FIELDS:
        return ANY_LANGUAGE
    if fieldname in NEUTRAL_FIELDS:
        return NEUTRAL
    return None


#: Fields analysed per document language (see :class:`DocumentLanguageAnalyzer`).
LANGUAGE_FIELDS = frozenset({"title_words", "text_words", "full_words"})
#: Fields of names and labels, analysed as neutral text.
NEUTRAL_FIELDS = frozenset(
    {"names", "org", "partnership", "author", "theme", "type", "country", "keyword"}
)
