import pytest

from chinese_text.tagger import GazetteerTagger


@pytest.fixture(scope="module")
def tagger():
    return GazetteerTagger(
        townships={"城北街道": ["城北街道办"], "信义镇": [], "西属巴街道": ["西属巴街道办事处"]},
        places={"千年村": "信义镇", "骨脊山": "信义镇"},
        departments={
            "中共吕梁市离石区委员会宣传部": ["区委宣传部", "宣传部"],
            "离石区妇女联合会": ["区妇联", "妇联"],
        },
    )


def test_names_aliases_and_places_give_townships_in_order_of_mention(tagger):
    tags = tagger.tag("千年村位于骨脊山下。城北街道办与西属巴街道办事处联合开展活动，城北街道150余人参加。")
    assert tags.townships == ["信义镇", "城北街道", "西属巴街道"]


def test_short_forms_give_the_full_department_name(tagger):
    assert tagger.tag("区委宣传部、区妇联负责同志出席。").departments == [
        "中共吕梁市离石区委员会宣传部",
        "离石区妇女联合会",
    ]


def test_another_level_of_government_is_not_ours(tagger):
    assert tagger.tag("吕梁市委宣传部、市妇联和省妇联领导出席。").departments == []


def test_an_unqualified_short_form_alone_is_ours(tagger):
    assert tagger.tag("妇联干部走访群众。").departments == ["离石区妇女联合会"]


def test_an_empty_gazetteer_tags_nothing():
    tags = GazetteerTagger({}, {}, {}).tag("城北街道")
    assert (tags.townships, tags.departments) == ([], [])
