"""manage.py import_page: the printed pages in tests/data/pages against their hand-written expectations,
what an import writes, and bad input."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from articles.models import Article, Author, Byline, Photo
from issues import page_import
from issues.models import Issue, Page
from tests.factories import ArticleFactory, AuthorFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parents[1] / "data/pages"
# Each page: its issue date. sample_page is the seed; the others were composed for these tests.
ISSUE_DATES = {
    "sample_page": "2021-01-05",
    "township_news": "2022-01-06",
    "features": "2021-03-10",
    "front_page_gb18030": "2023-12-28",
}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_page", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_sample(*extra):
    return run(PAGES / "sample_page.txt", "--date", "2021-01-05", "--page", 2, "--name", "综合", *extra)


def nothing_written():
    return not (
        Issue.objects.exists() or Page.objects.exists() or Article.objects.exists() or Photo.objects.exists()
    )


@pytest.mark.parametrize("name", ISSUE_DATES)
def test_each_page_gives_exactly_its_hand_written_expectation(name):
    out, _err = run(
        PAGES / f"{name}.txt", "--date", ISSUE_DATES[name], "--page", 1, "--dry-run", "--format", "json"
    )
    assert json.loads(out) == json.loads((PAGES / f"{name}.json").read_text())
    assert nothing_written()


def test_the_sample_page_equals_the_demo_fixture():
    """The demo fixture was cleaned by hand before the importer existed, then checked against its output."""
    out, _err = import_sample("--dry-run", "--format", "json")
    found = json.loads(out)
    demo = json.loads((PAGES.parents[2] / "fixtures/demo/sample_page.json").read_text())
    assert [
        (a["kicker"], a["headline"], a["subtitle"], a["event_date"], a["townships"], a["departments"])
        for a in found["articles"]
    ] == [
        (a["kicker"], a["headline"], a["subtitle"], a["event_date"], a["townships"], a["departments"])
        for a in demo["articles"]
    ]
    assert [[(author["name"], author["roles"]) for author in a["authors"]] for a in found["articles"]] == [
        [(author["name"], [author["role"]]) for author in a["authors"]] for a in demo["articles"]
    ]
    assert [a["body"].replace("\n", "") for a in found["articles"]] == [
        "".join(a["body"]) for a in demo["articles"]
    ]
    assert [(p["caption"], p["photographer"]) for p in found["photos"]] == [
        (p["caption"], p["photographer"]) for p in demo["photos"]
    ]


def test_an_import_writes_the_page_as_drafts_with_bylines_tags_and_photos_awaiting_images():
    _out, err = run(
        PAGES / "sample_page.txt", "--date", "2021-01-05", "--page", 2, "--name", "综合", "--format", "json"
    )
    page = Page.objects.get()
    assert (page.issue.date, page.issue.number, page.number, page.name) == (
        datetime.date(2021, 1, 5),
        1,
        2,
        "综合",
    )
    assert page.issue.status == Issue.Status.PLANNING
    stories = list(page.articles.order_by("position"))
    assert [story.position for story in stories] == [1, 2, 3, 4, 5, 6, 7]
    assert {story.status for story in stories} == {Article.Status.DRAFT}
    assert not Article.objects.published().exists()
    walk, school, _art, farming, _women, _education, study = stories
    assert (walk.source, walk.body.startswith("近日，城北街道办")) == ("本报讯", True)
    assert (study.kicker, study.headline) == ("吴城镇", "集中学习《论党的宣传思想工作》")
    assert (farming.source, farming.subtitle) == ("", "——离石区产业助力脱贫攻坚工作综述")
    assert school.event_date == datetime.date(2020, 12, 31)
    assert [(b.author.name, b.role) for b in school.bylines.select_related("author")] == [
        ("吴夏峰", Byline.Role.WRITER),
        ("张晋晋", Byline.Role.WRITER),
    ]
    assert list(walk.townships.values_list("name", flat=True)) == ["城北街道"]
    assert "信义镇" in farming.townships.values_list("name", flat=True)
    assert walk.keywords.exists()  # indexed for search like any saved story
    photos = list(page.photos.order_by("position"))
    assert [(photo.caption, photo.photographer.name, photo.awaiting_image) for photo in photos] == [
        ("吴城镇农产品公司员工正在加工土豆。", "刘和平", True),
        ("西属巴街道养驴场。", "刘和平", True),
    ]
    assert photos[1].townships.get().name == "西属巴街道"
    assert Author.objects.filter(name="王艳").count() == 1  # two stories, one author
    assert "新建草稿 7 篇" in err and "已为 2021-01-05 新建第1期" in err


def test_existing_authors_are_reused_by_name():
    wang = AuthorFactory(name="王艳")
    import_sample()
    assert Author.objects.filter(name="王艳").get() == wang
    assert wang.articles.count() == 2


def test_importing_the_same_file_again_changes_nothing():
    import_sample()
    before = list(Article.objects.order_by("pk").values())
    photos = list(Photo.objects.order_by("pk").values())
    out, _err = import_sample()
    assert list(Article.objects.order_by("pk").values()) == before
    assert list(Photo.objects.order_by("pk").values()) == photos
    assert Issue.objects.count() == Page.objects.count() == 1
    assert "新建草稿 0 篇，已导入过 7 篇；新建图片 0 张" in out


def test_an_editors_changes_to_an_imported_draft_survive_a_second_import():
    import_sample()
    story = Article.objects.get(headline="栉风沐雨砥砺前行")
    story.headline = "栉风沐雨 砥砺前行——离石教育综述"
    story.save()
    import_sample()
    assert Article.objects.count() == 7
    story.refresh_from_db()
    assert story.headline == "栉风沐雨 砥砺前行——离石教育综述"


def test_stories_already_on_the_page_from_elsewhere_are_left_alone():
    page = PageFactory(issue=IssueFactory(date=datetime.date(2021, 1, 5), number=1024), number=2, name="要闻")
    filed = ArticleFactory(page=page, position=1, headline="本报评论员文章")
    before = Article.objects.filter(pk=filed.pk).values().get()
    import_sample()
    assert Article.objects.filter(pk=filed.pk).values().get() == before
    assert list(page.articles.order_by("position").values_list("position", flat=True)) == list(range(1, 9))
    page.refresh_from_db()
    assert (page.name, page.issue.number) == ("要闻", 1024)


def test_a_new_issue_takes_the_number_given_or_the_next():
    IssueFactory(date=datetime.date(2021, 1, 1), number=1023)
    import_sample("--number", 1024)
    assert Issue.objects.get(date=datetime.date(2021, 1, 5)).number == 1024
    run(PAGES / "features.txt", "--date", "2021-03-10", "--page", 4)
    assert Issue.objects.get(date=datetime.date(2021, 3, 10)).number == 1025


@pytest.mark.parametrize(
    ("number", "message"),
    [(1023, "第1023期已存在，日期不同"), (7, "2021-01-05 的报纸是第1024期，不是第7期")],
)
def test_an_issue_number_that_does_not_fit_is_refused_and_nothing_written(number, message):
    IssueFactory(date=datetime.date(2021, 1, 1), number=1023)
    if number == 7:
        IssueFactory(date=datetime.date(2021, 1, 5), number=1024)
    with pytest.raises(CommandError, match=message):
        import_sample("--number", number)
    assert not Page.objects.exists() and not Article.objects.exists()


def test_a_failure_half_way_writes_nothing(monkeypatch):
    original = Byline.objects.bulk_create
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise IntegrityError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(Byline.objects, "bulk_create", failing)
    with pytest.raises(IntegrityError):
        import_sample()
    assert len(calls) == 4
    assert nothing_written() and not Author.objects.exists()


HEADLESS = "合办：离石区融媒体中心\n本报讯 近日，城北街道举办迎新年健步走活动，共计150余人参加。\n（王艳）\n"


def test_a_story_without_a_headline_is_saved_under_a_stand_in_and_flagged(tmp_path):
    path = tmp_path / "headless.txt"
    path.write_text(HEADLESS)
    out, _err = run(path, "--date", "2021-01-05", "--page", 2, "--format", "json")
    assert json.loads(out)["warnings"] == [
        "以“近日，城北街道举办迎新年健步走活动，共计”开头的稿件没有找到标题，暂存为【待补标题】。"
    ]
    assert Article.objects.get().headline == "【待补标题】近日，城北街道举办迎新年"


def test_a_story_that_cannot_be_saved_is_named_and_nothing_written(monkeypatch, tmp_path):
    monkeypatch.setattr(page_import, "MISSING_HEADLINE", "缺" * 200)  # the stand-in headline is now too long
    path = tmp_path / "headless.txt"
    path.write_text(HEADLESS)
    with pytest.raises(CommandError, match=r"第 1 篇稿件.+无法保存"):
        run(path, "--date", "2021-01-05", "--page", 2)
    assert nothing_written()


def test_the_text_report_shows_each_story_its_match_and_what_to_check():
    out, _err = import_sample("--dry-run")
    assert "7 篇稿件，2 张图片" in out
    assert "1. 城北街道开展“迎新年”健步走活动  [标题匹配度 " in out
    assert (
        "引题：吴城镇" in out and "作者：吴夏峰（文） 张晋晋（文）" in out and "事件日期：2020-12-31" in out
    )
    assert "吴城镇农产品公司员工正在加工土豆。 刘和平 摄  吴城镇" in out
    assert "需要核对\n- 标题“栉风沐雨砥砺前行”与所配正文共有的词很少（0%），请核对。" in out
    assert out.rstrip().endswith("试运行：未写入任何内容。")
    assert nothing_written()


def test_a_dry_run_marks_the_stories_already_imported():
    import_sample()
    out, _err = import_sample("--dry-run")
    assert out.count("（已导入）") == 7


def test_roles_of_writer_and_photographer_become_one_byline_role():
    run(PAGES / "township_news.txt", "--date", "2022-01-06", "--page", 3)
    red_dates = Article.objects.get(headline="千年村红枣喜获丰收")
    assert [(b.author.name, b.role) for b in red_dates.bylines.select_related("author")] == [
        ("张晓斌", Byline.Role.WRITER_PHOTOGRAPHER),
        ("高裕鹏", Byline.Role.WRITER_PHOTOGRAPHER),
        ("李小龙", Byline.Role.WRITER_PHOTOGRAPHER),
    ]
    assert Author.objects.get(name="王丽").kind == Author.Kind.REPORTER


def test_gbk_bom_and_utf16_files_give_what_their_utf8_twin_gives(tmp_path):
    text = (PAGES / "sample_page.txt").read_text()
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "notepad.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    utf8, _ = import_sample("--dry-run", "--format", "json")
    for name in ("gbk.txt", "bom.txt", "notepad.txt"):
        out, _ = run(tmp_path / name, "--date", "2021-01-05", "--page", 2, "--dry-run", "--format", "json")
        assert out == utf8


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b"\n \r\n\t", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "二进制文件"),
        ("\n".encode("utf-16"), "文件是空的"),
        (b"\xff\xfe\x00\xd8", "既不是 UTF-8 也不是 GBK"),
        (b"\x80\xff\xfe\xfd not text \xc0", "既不是 UTF-8 也不是 GBK"),
        (b"Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * 20, "没有中文文本"),
        ("合办：离石区融媒体中心\n第2版\n".encode(), "没有识别出稿件"),
        ("离石区\n城北街道\n".encode(), "没有识别出稿件"),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "blank-utf-16",
        "bad-utf-16",
        "undecodable",
        "english",
        "furniture-only",
        "no-story",
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_written(tmp_path, content, message):
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path, "--date", "2021-01-05", "--page", 2)
    assert nothing_written()


def test_a_file_too_large_or_missing_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes("本报讯".encode() * (page_import.MAX_BYTES // 9 + 1))
    with pytest.raises(CommandError, match="超过 2 MB"):
        run(big, "--date", "2021-01-05", "--page", 2)
    with pytest.raises(CommandError, match="无法读取"):
        run(tmp_path / "missing.txt", "--date", "2021-01-05", "--page", 2)
    with pytest.raises(CommandError, match="无法读取"):
        run(tmp_path, "--date", "2021-01-05", "--page", 2)
    assert nothing_written()


@pytest.mark.parametrize(
    "date", ["2021/01/05", "20210105", "2021-1-5", "2021-02-30", "yesterday", "", "２０２１-01-05"]
)
def test_a_date_in_the_wrong_format_is_refused(date):
    with pytest.raises(CommandError, match="--date 须为 YYYY-MM-DD 格式的日期"):
        run(PAGES / "sample_page.txt", "--date", date, "--page", 2)
    assert nothing_written()


@pytest.mark.parametrize(
    "option", [["--page", "0"], ["--page", "x"], ["--page", "10**30"], ["--number", "-1"]]
)
def test_bad_numbers_are_refused(option):
    arguments = {"--page": "2", **dict([option])}
    with pytest.raises(CommandError, match="须为 1 到 9999 之间的数字"):
        run(
            PAGES / "sample_page.txt",
            "--date",
            "2021-01-05",
            *[item for pair in arguments.items() for item in pair],
        )
    assert nothing_written()


def test_two_imports_of_one_new_date_at_once_share_the_issue(monkeypatch):
    """The other editor's import created the date's issue after our look and before our create."""
    other = IssueFactory(date=datetime.date(2021, 1, 5), number=7)
    look = Issue.objects.filter
    looked = []

    def not_there_yet(*args, **fields):
        if fields.keys() == {"date"} and not looked:
            looked.append(fields)
            return Issue.objects.none()
        return look(*args, **fields)

    monkeypatch.setattr(Issue.objects, "filter", not_there_yet)
    import_sample()
    assert looked and list(Issue.objects.all()) == [other]
    assert Article.objects.filter(page__issue=other).exists()


def test_a_page_of_a_thousand_stories_with_the_headlines_first_imports(tmp_path):
    """Grouping the headlines nested once per story and ended in a RecursionError (a 500)."""
    headlines = [f"第{n}个村开展活动" for n in range(1000)]
    bodies = [
        f"本报讯 近日，第{n}个村举办迎新年健步走活动，\n共计150余人参加活动。（王艳）" for n in range(1000)
    ]
    page = tmp_path / "thousand.txt"
    page.write_text("\n".join(headlines) + "\n" + "\n".join(bodies), encoding="utf-8")
    out, _err = run(page, "--date", "2021-01-05", "--page", 3, "--dry-run", "--format", "json")
    assert len(json.loads(out)["articles"]) == 1000
