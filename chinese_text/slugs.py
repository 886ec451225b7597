"""ASCII pinyin slugs for URLs: 城北街道 → chengbei-jiedao, 王燕华 → wang-yanhua.

pypinyin does the conversion: it is maintained, pure Python, and its phrase dictionary resolves
polyphonic characters by context (重庆 → chongqing), which a character table cannot.
"""

import re

from .characters import fold_width

ADMINISTRATIVE_SUFFIXES = ("街道", "镇", "乡")
DISTRICT_PREFIXES = ("区委", "区")
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "司徒",
        "东方",
        "皇甫",
        "令狐",
        "慕容",
        "尉迟",
        "公孙",
        "长孙",
        "夏侯",
        "轩辕",
        "独孤",
        "端木",
        "南宫",
        "西门",
        "呼延",
    ]
)


def pinyin_slug(*parts):
    """Each part becomes one hyphen-separated word of toneless pinyin; other characters are dropped."""
    from pypinyin import Style, lazy_pinyin  # here: its dictionaries cost a web worker 0.2 s to start

    words = []
    for part in parts:
        syllables = "".join(lazy_pinyin(fold_width(part), style=Style.NORMAL, errors="default")).lower()
        word = re.sub(r"[^a-z0-9]+", "", syllables)
        if word:
            words.append(word)
    return "-".join(words)


def township_slug(name):
    """城北街道 → chengbei-jiedao, 信义镇 → xinyi-zhen: the place name, then its administrative kind."""
    for suffix in ADMINISTRATIVE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return pinyin_slug(name[: -len(suffix)], suffix)
    return pinyin_slug(name)


def person_slug(name):
    """王燕华 → wang-yanhua; compound surnames stay whole: 欧阳修 → ouyang-xiu; Ｍａｒｙ → mary."""
    surname_length = 2 if name[:2] in COMPOUND_SURNAMES else 1
    if len(name) <= surname_length or not "\u3400" <= name[0] <= "\u9fff":
        return pinyin_slug(name)
    return pinyin_slug(name[:surname_length], name[surname_length:])


def department_slug(short_name):
    """区委统战部 → quwei-tongzhanbu, 区妇联 → qu-fulian, 融媒体中心 → rongmeitizhongxin."""
    for prefix in DISTRICT_PREFIXES:
        if short_name.startswith(prefix) and len(short_name) > len(prefix):
            return pinyin_slug(prefix, short_name[len(prefix) :])
    return pinyin_slug(short_name)
