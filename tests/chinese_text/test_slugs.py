import pytest

from chinese_text.slugs import department_slug, person_slug, pinyin_slug, township_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("城北街道", "chengbei-jiedao"),
        ("西属巴街道", "xishuba-jiedao"),
        ("信义镇", "xinyi-zhen"),
        ("红眼川乡", "hongyanchuan-xiang"),
        ("乡", "xiang"),
    ],
)
def test_township_slug_separates_the_administrative_kind(name, slug):
    assert township_slug(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [("王燕华", "wang-yanhua"), ("刘和平", "liu-heping"), ("欧阳修", "ouyang-xiu"), ("王", "wang")],
)
def test_person_slug_separates_the_surname(name, slug):
    assert person_slug(name) == slug


@pytest.mark.parametrize(
    ("short_name", "slug"),
    [("区委统战部", "quwei-tongzhanbu"), ("区妇联", "qu-fulian"), ("人武部", "renwubu")],
)
def test_department_slug_separates_the_district_prefix(short_name, slug):
    assert department_slug(short_name) == slug


def test_pinyin_slug_is_ascii_and_drops_punctuation():
    assert pinyin_slug("“零学困”", "2.0 行动") == "lingxuekun-20xingdong"


def test_pinyin_slug_resolves_polyphones_by_phrase():
    assert pinyin_slug("重庆") == "chongqing"
    assert pinyin_slug("绿色") == "lvse"
