"""Text analysis: the same cut at index and query time, pinyin, mixed codes. No database."""

from search.query import highlight, snippet
from search.text import index_terms, normalise, pinyin_index_terms, query_words, sub_words


def test_two_character_words_are_found_inside_running_text():
    terms = index_terms("提供计量器具检定校准服务")

    assert {"计量", "检定", "校准", "器具", "计量器具"} <= set(terms)


def test_query_words_are_cut_precisely():
    assert query_words("计量器具检定") == ["计量器具", "检定"]
    assert set(sub_words("计量器具")) >= {"计量", "器具"}


def test_standard_codes_are_compacted_on_both_sides():
    text_terms = set(index_terms("依据GB/T 19001-2016、ISO 9001 和 ISO/IEC 17025 建立体系"))

    assert {"gbt19001", "iso9001", "isoiec17025"} <= text_terms
    assert query_words("GB/T 19001") == ["gbt19001"]
    assert query_words("ＧＢ／Ｔ１９００１") == ["gbt19001"]  # full-width input
    assert query_words("iso9001") == ["iso9001"]


def test_latin_and_number_tokens_survive():
    terms = set(index_terms("CNAS认可实验室推行5S现场管理"))

    assert {"cnas", "5s", "认可", "实验室", "现场管理"} <= terms


def test_pinyin_and_initials():
    terms = set(pinyin_index_terms(["计量器具检定校准"]))

    assert {"jiliang", "jl", "jiaozhun", "jz", "jiliangqijujiandingjiaozhun"} <= terms


def test_query_syntax_is_just_separators():
    assert query_words('"计量" AND 校准 OR * (((') == ["计量", "校准"]
    assert query_words("！！！。。。") == []
    assert normalise("  ＣＮＡＳ  认可 ") == "cnas 认可"


def test_highlight_escapes_before_marking():
    html = str(highlight("<script>alert(1)</script>计量", ["计量", "script"]))

    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<mark>计量</mark>" in html


def test_snippet_centres_on_the_first_match():
    text = "前言" * 100 + "本机构提供计量器具检定校准服务" + "结尾" * 100

    html = str(snippet(text, ["校准"]))

    assert "<mark>校准</mark>" in html
    assert html.startswith("…")


def test_highlight_finds_a_code_as_written():
    html = str(highlight("符合 GB/T 19001-2016 要求", ["gbt19001"]))

    assert "<mark>GB/T 19001</mark>" in html
