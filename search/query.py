"""From the words typed in the search box to groups of alternatives both engines understand.

A query becomes a list of groups, one per word (or per synonym phrase). A document matches a group
when it holds every term of one of the group's alternatives. Alternatives are the word itself,
its shorter dictionary words (计量器具: 计量 + 器具, at lower credit) and, when the word or phrase
belongs to an editor's synonym group, every other term of that group (实验室认可: cnas).
Query syntax has no meaning here: quotes, AND, *, brackets are separators, so no input can fail.
"""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import is_latin, normalise, query_words, sub_words, surface_pattern

MAX_QUERY_LENGTH = 200
MAX_GROUPS = 12
SYNONYM_CACHE_KEY = "search:synonyms:v1"
SUB_WORD_CREDIT = 0.7
SYNONYM_CREDIT = 0.9


@dataclass(frozen=True)
class Alternative:
    terms: tuple
    credit: float = 1.0


@dataclass
class Group:
    word: str
    alternatives: list

    def all_terms(self):
        return {term for alternative in self.alternatives for term in alternative.terms}


@dataclass
class ParsedQuery:
    text: str
    groups: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.groups)

    def highlight_terms(self):
        terms = set()
        for group in self.groups:
            for alternative in group.alternatives:
                terms.update(term for term in alternative.terms if len(term) >= 2)
        return sorted(terms, key=len, reverse=True)

    def han_text(self):
        """The query's Han characters and Latin runs without spaces, to spot an exact title."""
        return re.sub(r"[\s\W_]+", "", self.text)


def clean_query(raw):
    """The text to search for: at most MAX_QUERY_LENGTH characters, whitespace collapsed."""
    return normalise(str(raw or "")[: MAX_QUERY_LENGTH * 2])[:MAX_QUERY_LENGTH].strip()


def synonym_phrases():
    """{tuple of words: [tuple of words of each equivalent term]} from the editors' synonyms."""
    phrases = cache.get(SYNONYM_CACHE_KEY)
    if phrases is None:
        from search.models import SearchSynonym

        phrases = {}
        for synonym in SearchSynonym.objects.all():
            members = [tuple(query_words(term)) for term in synonym.term_list()]
            members = [member for member in dict.fromkeys(members) if member]
            if len(members) < 2:
                continue
            for member in members:
                phrases.setdefault(member, [])
                phrases[member].extend(m for m in members if m not in phrases[member])
        cache.set(SYNONYM_CACHE_KEY, phrases, 300)
    return phrases


def forget_synonyms(**kwargs):
    cache.delete(SYNONYM_CACHE_KEY)


def parse_query(raw):
    text = clean_query(raw)
    words = query_words(text)
    phrases = synonym_phrases()
    longest = max((len(phrase) for phrase in phrases), default=1)
    groups = []
    position = 0
    while position < len(words) and len(groups) < MAX_GROUPS:
        for length in range(min(longest, len(words) - position), 0, -1):
            phrase = tuple(words[position : position + length])
            if phrase in phrases:
                groups.append(_synonym_group(phrase, phrases[phrase]))
                position += length
                break
        else:
            word = words[position]
            position += 1
            if len(word) == 1 and is_latin(word) and len(words) > 1:
                continue  # a lone letter (the T of "GB / T") would match everything
            groups.append(_word_group(word))
    return ParsedQuery(text=text, groups=_merge_duplicates(groups))


def _word_group(word):
    alternatives = [Alternative((word,))]
    parts = sub_words(word)
    if parts:
        alternatives.append(Alternative(parts, SUB_WORD_CREDIT))
    return Group(word=word, alternatives=alternatives)


def _synonym_group(phrase, members):
    alternatives = [Alternative(phrase)]
    alternatives.extend(
        Alternative(member, SYNONYM_CREDIT) for member in members if member != phrase
    )
    if len(phrase) == 1 and sub_words(phrase[0]):
        alternatives.append(Alternative(sub_words(phrase[0]), SUB_WORD_CREDIT))
    return Group(word="".join(phrase), alternatives=alternatives)


def _merge_duplicates(groups):
    seen = set()
    unique = []
    for group in groups:
        if group.word not in seen:
            seen.add(group.word)
            unique.append(group)
    return unique


def _highlight_regex(terms):
    if not terms:
        return None
    return re.compile("|".join(surface_pattern(term) for term in terms), re.IGNORECASE)


def highlight(text, terms):
    """Escaped `text` with <mark> around each term; every piece is escaped before it is marked."""
    text = text or ""
    pattern = _highlight_regex(terms)
    if pattern is None:
        return escape(text)
    pieces = []
    last = 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped


def snippet(text, terms, width=90):
    """An escaped excerpt of `text` around the first matched term, with the terms marked."""
    text = " ".join((text or "").split())
    pattern = _highlight_regex(terms)
    start = 0
    if pattern is not None:
        match = pattern.search(text)
        if match:
            start = max(0, match.start() - width // 4)
    excerpt = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(f"{escape(prefix)}{highlight(excerpt, terms)}{escape(suffix)}")  # noqa: S308
