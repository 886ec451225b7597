import datetime

import pytest

from articles.models import Department, Place, Township

pytestmark = pytest.mark.django_db


def test_a_migrated_database_knows_the_twelve_townships():
    assert Township.objects.count() == 12
    assert Township.objects.current().count() == 11
    assert Township.objects.get(name="信义镇").code == "141102101"


def test_townships_have_pinyin_slugs():
    assert Township.objects.get(name="城北街道").slug == "chengbei-jiedao"


def test_hongyanchuan_is_abolished_and_merged_into_tianjiahui():
    hongyanchuan = Township.objects.get(name="红眼川乡")
    assert hongyanchuan.abolished_on == datetime.date(2021, 5, 1)
    assert not hongyanchuan.is_current
    assert hongyanchuan.merged_into.name == "田家会街道"


def test_township_aliases_are_loaded():
    assert Township.objects.get(aliases__name="城北街道办").name == "城北街道"


def test_places_lie_in_their_townships():
    assert Place.objects.get(name="阳坡村").township.name == "信义镇"
    assert Place.objects.count() == 12


def test_departments_carry_their_printed_short_forms_in_order():
    department = Department.objects.with_printed_names().get(short_names__name="区教科局")
    assert department.name == "离石区教育科技局"
    assert department.printed_name == "区教科局"
    assert Department.objects.count() == 22


def test_a_townships_kind_reads_as_the_gazetteer_names_it():
    # "township" is also the model's own name (乡镇); as a kind it is a 乡.
    assert [str(label) for label in Township.Kind.labels] == ["街道", "镇", "乡"]
    assert [str(label) for label in Department.Kind.labels] == [
        "党委部门",
        "政府部门",
        "群团组织",
        "武装部门",
        "媒体",
    ]
