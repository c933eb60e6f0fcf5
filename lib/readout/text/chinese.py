"""Chinese text without a dictionary: sentences, quotations, numbers and function words.

Chinese is written without spaces, ends sentences with full-width marks and quotes in “” or
「」 (『』 inside). These functions give offsets into the string they are handed, so a caller
adding a paragraph's start gets offsets into the raw file. Word segmentation needs a dictionary
and lives in :mod:`readout.analysis.chinese_text`.
"""

from __future__ import annotations

import re

#: marks that end a Chinese sentence
SENTENCE_ENDS = "。！？"

#: marks that close a quotation or a bracket and belong to the sentence they follow
CLOSING_AFTER_END = "”’」』）)》〉】〕\"'"

#: quotation marks: opening mark -> closing mark
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』"}

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE = re.compile(rf"[^{SENTENCE_ENDS}]*(?:[{SENTENCE_ENDS}]+[{re.escape(CLOSING_AFTER_END)}]*|$)")

#: function words, particles, pronouns and reporting verbs left out of term counts
CHINESE_STOPWORDS = frozenset(
    """
    的 地 得 了 着 过 和 与 及 以及 并 并且 而 而且 或 或者 也 都 还 又 就 才 在 于 对 对于 关于 把 被 将 向 同 跟
    从 自 由 为 为了 以 之 其 此 这 那 这个 那个 这些 那些 这次 此次 该 各 每 其他 其中 有 是 不 没有 没 无 非 要
    会 能 可 可以 应 应当 应该 需要 已 已经 正在 曾 一 个 些 上 下 中 里 间 之间 时 时候 等 等等 们 他 她 它 他们
    我 我们 你 你们 自己 说 表示 指出 强调 认为 称 表明 重申 介绍 宣布 谈到 提到 提出 所 如 如果 但 但是 然而 因为
    所以 因此 以来 方面 问题 进行 一道 一起 一直 一贯 更 最 很 非常 十分 既 即 使 让 给 由于 至 到 来 去 后 前
    """.split()
)

#: the parties' names and "the X side": they say who spoke, not how (left out of framing terms)
CHINESE_PARTY_NAMES = frozenset("中国 美国 中方 美方 中美 美中 北京 华盛顿 中华人民共和国 美利坚合众国".split())

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万]+$")
_ARABIC = re.compile(r"^[0-9０-９]+$")


def is_han(text: str) -> bool:
    """Whether ``text`` holds at least one Han character.

    >>> is_han("秦刚"), is_han("2023"), is_han("，")
    (True, False, False)
    """
    return bool(_HAN.search(text))


def han_count(text: str) -> int:
    """The number of Han characters in ``text``."""
    return len(_HAN.findall(text))


def split_chinese_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of one paragraph of Chinese text.

    A sentence ends at 。！？, with any closing quotation marks and brackets that
    follow; leading and trailing spaces are left out; a last piece without an end mark is a
    sentence too. Every non-space character lies in exactly one sentence.

    >>> t = "秦刚说：“中方希望稳定。”双方同意继续沟通！会谈怎样？良好"
    >>> [t[s:e] for s, e in split_chinese_sentences(t)]
    ['秦刚说：“中方希望稳定。”', '双方同意继续沟通！', '会谈怎样？', '良好']
    """
    spans = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with a Chinese sentence end (closing marks allowed after it).

    >>> ends_sentence("双方同意继续沟通。”"), ends_sentence("秦刚与布林肯在北京会谈")
    (True, False)
    """
    stripped = text.rstrip().rstrip(CLOSING_AFTER_END)
    return bool(stripped) and stripped[-1] in SENTENCE_ENDS


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, mark) of every quotation in ``text``: the words between the marks.

    Marks are the pairs of :data:`QUOTE_PAIRS`; a quotation nested in another is returned
    too. A mark never closed is ignored.

    >>> t = "他说：「美方不寻求『新冷战』。」又称“台独”"
    >>> [(t[s:e], m) for s, e, m in quote_spans(t)]
    [('美方不寻求『新冷战』。', '「'), ('新冷战', '『'), ('台独', '“')]
    """
    found = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in QUOTE_PAIRS:
            stack.append((ch, i))
        elif stack and ch == QUOTE_PAIRS[stack[-1][0]]:
            mark, start = stack.pop()
            found.append((start + 1, i, mark))
    return sorted(found)


def parse_number(token: str) -> int | None:
    """The value of a number written in Arabic or Chinese digits, or None.

    A measure word 个 may follow (三个 = 3); 两 counts as 2 only with it or a unit.

    >>> [parse_number(t) for t in ["2023", "三个", "十八", "二十一", "两", "百", "国家"]]
    [2023, 3, 18, 21, None, 100, None]
    """
    core = token[:-1] if token.endswith("个") and len(token) > 1 else token
    if _ARABIC.match(core):
        return int(core.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not _NUMERAL.match(core) or (core == "两" and core == token):
        return None
    total, section, digit = 0, 0, None
    for ch in core:
        if ch in _DIGITS:
            digit = _DIGITS[ch] if digit is None else digit * 10 + _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)
