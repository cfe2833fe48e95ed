"""Chinese-aware text analysis shared by indexing and querying, so both sides cut text the same way.

- `normalise`: NFKC (full-width to half-width), lower case, one space between runs.
- `index_terms`: jieba `cut_for_search` over Han runs (a long word also yields its two- and
  three-character words, so 计量 matches inside 提供计量器具检定校准服务), Latin/number runs as they
  are (cnas, 5s, 9001), and standard codes compacted (GB/T 19001-2016 gives gbt19001).
- `query_words`: the precise cut of a query, in order, with the same code compaction.
- `pinyin_terms`: full pinyin and initials of a phrase (计量: jiliang, jl).

jieba runs without its HMM new-word guesser: its guesses depend on the surrounding text, and a
search index must cut the same word the same way in a document and in a query. Domain words
(检定, 计量器具, 资质认定, 首席质量官...) come from `search/words.txt`.
"""

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("words.txt")
MAX_TERM_LENGTH = 64

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_han_run = re.compile(f"[{HAN}]+")
_latin_run = re.compile(r"[a-z0-9]+")
# GB/T 19001, GB 4943.1, ISO 9001, ISO/IEC 17025, JJG 1036, DB44/T 2410, IEC 61000-4-2
_code = re.compile(
    r"(?<![a-z0-9])([a-z]{2,5}(?:\d{0,2})?)\s*(?:/\s*([a-z]{1,3}))?\s*[-\s]?\s*(\d{2,6})(?![0-9])"
)
_control = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_has_word_char = re.compile(f"[{HAN}a-z0-9]")

# Words that carry no meaning in a search box (何时, 怎么办理...). Kept short on purpose.
STOPWORDS = frozenset(
    """的 了 和 与 及 或 在 是 有 我 我们 你 您
    请 吗 呢 啊 把 被 对 为 从 向 如何 怎么
    怎样 什么 哪里 哪些 哪个 一下 一些 相关 关于
    需要 想 要 可以 能 能否 办 找
    and or not the of for to in a an""".split()
)

_lock = threading.Lock()
_tokenizer = None


def _get_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                if WORDS_FILE.exists():
                    tokenizer.load_userdict(str(WORDS_FILE))
                _tokenizer = tokenizer
    return _tokenizer


def normalise(text):
    """Full-width to half-width, lower case, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    # Control characters (NUL included, which PostgreSQL refuses in text) become spaces.
    text = _control.sub(" ", text)
    return " ".join(text.split())


def _codes(text):
    """Compact standard codes in normalised `text`, with their spans."""
    found = []
    for match in _code.finditer(text):
        prefix, series, number = match.groups()
        if prefix.isdigit():
            continue
        found.append((match.span(), f"{prefix}{series or ''}{number}"))
    return found


def _pieces(text):
    """Han runs and Latin runs of normalised `text` in order, as (kind, piece)."""
    pattern = re.compile(f"([{HAN}]+)|([a-z0-9]+)")
    for match in pattern.finditer(text):
        if match.group(1):
            yield "han", match.group(1)
        else:
            yield "latin", match.group(2)


def _keep(token):
    return bool(token) and len(token) <= MAX_TERM_LENGTH and bool(_has_word_char.search(token))


def index_terms(text):
    """All terms of `text` for the index: search-mode cut, Latin runs, compact codes."""
    text = normalise(text)
    tokenizer = _get_tokenizer()
    terms = [code for _span, code in _codes(text)]
    for kind, piece in _pieces(text):
        if kind == "han":
            terms.extend(tokenizer.cut_for_search(piece, HMM=False))
        else:
            terms.append(piece)
    return [term for term in terms if _keep(term) and term not in STOPWORDS]


@lru_cache(maxsize=4096)
def sub_words(word):
    """The shorter dictionary words inside `word` (计量器具 gives 计量, 器具)."""
    if not _han_run.fullmatch(word) or len(word) < 3:
        return ()
    parts = [
        part
        for part in _get_tokenizer().cut_for_search(word, HMM=False)
        if part != word and len(part) >= 2
    ]
    covered = set()
    for part in parts:
        start = word.find(part)
        while start != -1:
            covered.update(range(start, start + len(part)))
            start = word.find(part, start + 1)
    if len(covered) < len(word):
        return ()  # the parts would leave characters out and match too widely
    return tuple(dict.fromkeys(parts))


def query_words(text):
    """The words of a query in order: codes compacted, Han runs cut precisely, stopwords dropped."""
    text = normalise(text)
    words = []
    last = 0
    spans = _codes(text)
    for (start, end), code in spans:
        words.extend(_plain_words(text[last:start]))
        words.append(code)
        last = end
    words.extend(_plain_words(text[last:]))
    return [word for word in words if _keep(word) and word not in STOPWORDS]


def _plain_words(text):
    tokenizer = _get_tokenizer()
    for kind, piece in _pieces(text):
        if kind == "han":
            yield from tokenizer.cut(piece, HMM=False)
        else:
            yield piece


def surface_pattern(term):
    """A regex source that finds `term` in display text (gbt19001 also finds GB/T 19001-2016)."""
    match = re.fullmatch(r"([a-z]+)(\d+)", term)
    if match and len(match.group(1)) >= 2:
        letters, number = match.groups()
        # The series letter after a slash (GB/T) may be written with spaces or a slash between.
        letter_pattern = r"\s*/?\s*".join(re.escape(ch) for ch in letters)
        return rf"{letter_pattern}\s*[-]?\s*{number}"
    return re.escape(term)


@lru_cache(maxsize=8192)
def pinyin_terms(phrase):
    """Full pinyin and initials of the Han characters of `phrase`: 计量 gives jiliang and jl."""
    from pypinyin import Style, lazy_pinyin

    han = "".join(_han_run.findall(normalise(phrase)))
    if len(han) < 2:
        return ()
    han = han[:24]
    full = "".join(lazy_pinyin(han, errors="ignore"))
    initials = "".join(lazy_pinyin(han, style=Style.FIRST_LETTER, errors="ignore"))
    return tuple(term for term in dict.fromkeys((full, initials)) if _keep(term))


def pinyin_index_terms(phrases):
    """Pinyin terms for a title and key phrases: of each whole phrase and of each word in it."""
    terms = []
    tokenizer = _get_tokenizer()
    for phrase in phrases:
        normalised = normalise(phrase)
        for run in _han_run.findall(normalised):
            terms.extend(pinyin_terms(run))
            for word in tokenizer.cut_for_search(run, HMM=False):
                if len(word) >= 2:
                    terms.extend(pinyin_terms(word))
    return list(dict.fromkeys(terms))


def is_latin(word):
    return bool(_latin_run.fullmatch(word))


def split_terms(text):
    """A list of editor-entered terms: separated by commas, 、, semicolons or new lines."""
    return [
        normalise(part) for part in re.split(r"[,，、;；\n\r|]+", text or "") if normalise(part)
    ]
