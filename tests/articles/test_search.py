"""Search: relevance on the demo page and on composed stories, filters, highlighting, bad queries, and the
index kept in step. CI runs this file on SQLite (FTS5) and on PostgreSQL (tsvector)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import dictionary, search
from articles.models import Article, Author, Department, Term, Township
from tests.factories import ArticleFactory, PageFactory, staff_member

pytestmark = pytest.mark.django_db


def found(client, q, **filters):
    response = client.get(reverse("articles:search"), {"q": q, **filters})
    assert response.status_code == 200
    return [article.headline for article in response.context["object_list"]]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("健步走", "城北街道开展“迎新年”健步走活动"),
        ("零学困", "离石一中和朝阳小学举行深度合作签约仪式"),
        ("书画", "离石区统一战线同心书画院举行成立揭牌仪式暨首届书画作品展"),
        ("妇联 基层", "离石区妇联社会治理创新工作成效显著"),
        ("教育", "栉风沐雨砥砺前行"),
        ("论党的宣传思想工作", "集中学习《论党的宣传思想工作》"),
    ],
)
def test_the_demo_page_answers_each_query_with_its_story_first(client, demo, query, first):
    assert found(client, query)[0] == first


@pytest.fixture
def page():
    return PageFactory(issue__published=True, issue__date=datetime.date(2021, 1, 5))


def story(page, position, headline, body="近日召开会议。", **fields):
    return ArticleFactory(
        published=True, page=page, position=position, headline=headline, body=body, **fields
    )


def test_a_headline_match_ranks_above_a_body_match(client, page):
    story(page, 1, "信义镇召开会议", "会上提到了红枣产业。")
    story(page, 2, "信义镇红枣喜获丰收", "今年红枣产量创新高。")
    assert found(client, "红枣") == ["信义镇红枣喜获丰收", "信义镇召开会议"]


def test_among_equals_the_newer_story_comes_first(client, page):
    later = PageFactory(issue__published=True, issue__date=datetime.date(2021, 2, 1))
    older, newer = story(page, 1, "核桃丰收", "核桃丰收。"), story(later, 1, "核桃丰收", "核桃丰收。")
    response = client.get(reverse("articles:search"), {"q": "核桃"})
    assert list(response.context["object_list"]) == [newer, older]


def test_every_word_of_the_query_must_match(client, page):
    story(page, 1, "红枣丰收", "红枣产业。")
    story(page, 2, "核桃丰收", "核桃产业。")
    assert found(client, "红枣 丰收") == ["红枣丰收"]


def test_only_published_stories_are_found_whatever_the_query_string(client, page):
    story(page, 1, "红枣丰收")
    ArticleFactory(headline="红枣草稿", body="红枣。")
    assert found(client, "红枣", status="draft", preview="1") == ["红枣丰收"]


def test_staff_search_in_the_admin_covers_drafts(client, page):
    story(page, 1, "红枣丰收")
    ArticleFactory(headline="红枣草稿", body="红枣。")
    client.force_login(staff_member("编辑"))
    response = client.get(reverse("admin:articles_article_changelist"), {"q": "红枣"})
    assert {article.headline for article in response.context["cl"].result_list} == {"红枣丰收", "红枣草稿"}


def test_search_combines_with_the_list_filters(client, page):
    in_xinyi = story(page, 1, "信义镇红枣丰收")
    in_xinyi.townships.add(Township.objects.get(name="信义镇"))
    story(page, 2, "吴城镇红枣丰收")
    assert found(client, "红枣", township="xinyi-zhen") == ["信义镇红枣丰收"]
    assert found(client, "红枣", date_after="2021-01-06") == []


def test_a_search_within_a_township_or_department_follows_their_stories(client, page):
    xinyi, wucheng = Township.objects.get(name="信义镇"), Township.objects.get(name="吴城镇")
    department = Department.objects.get(name="离石区妇女联合会")
    harvest = story(page, 1, "红枣丰收")
    xinyi.articles.add(harvest)
    assert found(client, "红枣", township="xinyi-zhen") == ["红枣丰收"]
    harvest.townships.set([wucheng])
    assert found(client, "红枣", township="xinyi-zhen") == []
    assert found(client, "红枣", township="wucheng-zhen") == ["红枣丰收"]
    harvest.departments.add(department)
    assert found(client, "红枣", township="wucheng-zhen", department=department.slug) == ["红枣丰收"]
    wucheng.articles.clear()
    assert found(client, "红枣", township="wucheng-zhen") == []
    assert found(client, "红枣", township="no-such-township") == []


def index_tags(article):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(search_vector) FROM articles_article WHERE id = %s", [article.pk]
        )
        return {lexeme for lexeme in cursor.fetchone()[0] if lexeme.startswith("@")}


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's index holds the tags; SQLite's search joins the tag tables.")


def test_the_postgresql_index_holds_each_storys_townships_and_departments(postgresql, page):
    xinyi, wucheng = Township.objects.get(name="信义镇"), Township.objects.get(name="吴城镇")
    department = Department.objects.get(name="离石区妇女联合会")
    harvest = story(page, 1, "红枣丰收")
    harvest.townships.add(xinyi)
    department.articles.add(harvest)
    assert index_tags(harvest) == {f"@township{xinyi.pk}", f"@department{department.pk}"}
    harvest.headline = "红枣喜获丰收"
    harvest.save()
    assert index_tags(harvest) == {f"@township{xinyi.pk}", f"@department{department.pk}"}
    harvest.townships.set([wucheng])
    department.articles.clear()
    assert index_tags(harvest) == {f"@township{wucheng.pk}"}
    assert found(Client(), "红枣", township="wucheng-zhen") == ["红枣喜获丰收"]


def test_a_search_within_a_township_reads_it_from_the_postgresql_index(postgresql, client, page):
    xinyi = Township.objects.get(name="信义镇")
    story(page, 1, "红枣丰收").townships.add(xinyi)
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "红枣", township="xinyi-zhen") == ["红枣丰收"]
    assert any(f"@township{xinyi.pk}" in query["sql"] for query in queries)


def test_the_candidates_are_read_without_parallel_workers(postgresql, client, page):
    # Starting them cost a common word's search more than they saved (docs/benchmarks.md).
    story(page, 1, "红枣丰收")
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "红枣") == ["红枣丰收"]
    statements = [query["sql"] for query in queries]
    switched = statements.index("SET LOCAL max_parallel_workers_per_gather = 0")
    assert '"kicker"' in statements[switched + 1] and statements[switched + 2].startswith("RESET")


def test_results_are_counted_paginated_and_marked(client, page):
    for position in range(1, 26):
        story(page, position, f"红枣丰收第{position}篇", "今年的红枣又红又甜。")
    response = client.get(reverse("articles:search"), {"q": "红枣"})
    assert response.context["paginator"].count == 25
    content = response.content.decode()
    assert "找到 25 篇" in content
    assert "<mark>红枣</mark>" in content
    assert len(found(client, "红枣", page=2)) == 5
    assert client.get(reverse("articles:search"), {"q": "红枣", "page": 3}).status_code == 404


@pytest.mark.parametrize(
    ("matches", "shown", "capped", "said"), [(25, 20, True, "超过 20 篇"), (20, 20, False, "找到 20 篇")]
)
def test_past_the_candidates_the_newest_are_shown_and_the_rest_is_said(
    client, page, monkeypatch, matches, shown, capped, said
):
    monkeypatch.setattr(search, "CANDIDATES", 20)
    for position in range(1, matches + 1):
        story(page, position, f"红枣丰收第{position}篇", "今年的红枣又红又甜。")

    response = client.get(reverse("articles:search"), {"q": "红枣"})

    assert (response.context["paginator"].count, response.context["results"].capped) == (shown, capped)
    content = response.content.decode()
    assert said in content
    assert ('id="search-capped"' in content) == capped
    assert client.get(reverse("articles:search"), {"q": "红枣", "page": 2}).status_code == 404
    assert found(client, "红枣", township="xinyi-zhen") == []  # a filter narrows, and counts afresh


def test_an_empty_query_gives_the_filter_page(client, page):
    story(page, 1, "红枣丰收")
    response = client.get(reverse("articles:search"), {"q": "  "})
    assert response.context["results"] is None
    assert [article.headline for article in response.context["object_list"]] == ["红枣丰收"]


@pytest.mark.parametrize(
    ("query", "message"),
    [("，。！？……", "输入要搜索的词"), ("\x00红枣", "空字符"), ("红枣" * 2500, "最多 100 个字")],
)
def test_bad_queries_get_a_clean_answer(client, page, query, message):
    story(page, 1, "红枣丰收")
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(response.context["object_list"]) == []


def test_the_index_follows_edits_and_deletions(client, page):
    article = story(page, 1, "红枣丰收")
    article.headline = "核桃丰收"
    article.save()
    assert found(client, "红枣") == []
    assert found(client, "核桃") == ["核桃丰收"]
    article.delete()
    assert found(client, "核桃") == []


def test_a_new_name_becomes_one_token_and_its_stories_are_reindexed(
    client, page, django_capture_on_commit_callbacks, background_worker
):
    story(page, 1, "骨脊山下千树塔景区开园", "千树塔景区迎来游客。")
    assert "千树塔景区" not in dictionary.segmenter().search_tokens("千树塔景区")
    with django_capture_on_commit_callbacks(execute=True):
        Term.objects.create(word="千树塔景区")
    assert "千树塔景区" in dictionary.segmenter().search_tokens("千树塔景区")
    assert found(client, "千树塔景区") == []  # the save returned; the worker re-indexes
    background_worker()
    assert found(client, "千树塔景区") == ["骨脊山下千树塔景区开园"]


def test_a_new_name_is_reindexed_even_by_a_process_that_had_no_dictionary_yet(
    client, page, django_capture_on_commit_callbacks, background_worker
):
    story(page, 1, "千树塔景区开园", "千树塔景区迎来游客。")
    dictionary._built.update(version=None, segmenter=None, tagger=None)  # a worker that has built nothing
    with django_capture_on_commit_callbacks(execute=True):
        Term.objects.create(word="千树塔景区")
    background_worker()
    assert found(client, "千树塔景区") == ["千树塔景区开园"]


def test_author_names_stay_whole(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Author.objects.create(name="高裕鹏")
    assert "高裕鹏" in dictionary.segmenter().cut("记者高裕鹏报道")


def test_rebuild_search_index_restores_an_emptied_index(client, page, capsys):
    story(page, 1, "红枣丰收", "红枣产业。")
    search.remove(Article.objects.values_list("pk", flat=True))
    assert found(client, "红枣") == []
    call_command("rebuild_search_index")
    assert "已索引 1 篇稿件" in capsys.readouterr().out
    assert found(client, "红枣") == ["红枣丰收"]


def test_stories_get_keywords(page):
    article = story(
        page, 1, "信义镇红枣丰收", "信义镇红枣喜获丰收，红枣加工企业忙生产。红枣产业带动农民增收。"
    )
    assert "红枣" in set(article.keywords.values_list("word", flat=True))


def test_the_segmenter_is_built_once_per_process_and_learns_new_names(django_capture_on_commit_callbacks):
    first = dictionary.segmenter()
    assert dictionary.segmenter() is first
    with django_capture_on_commit_callbacks(execute=True):
        Term.objects.create(word="千年古村落")
    assert "千年古村落" in dictionary.segmenter().words


def test_saving_a_name_the_segmenter_knows_reindexes_nothing(page, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    story(page, 1, "王艳采访红枣丰收")
    with django_capture_on_commit_callbacks(execute=True):
        author = Author.objects.create(name="王艳")
    author.kind = Author.Kind.PHOTOGRAPHER
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        author.save()
    # Reading is allowed (the page cache looks up the next scheduled release); re-indexing writes.
    writes = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith("SELECT")]
    assert not [sql for sql in writes if "article" in sql and "author" not in sql]


def test_adding_a_common_name_returns_at_once_and_the_dashboard_shows_the_work(
    client, page, django_capture_on_commit_callbacks, background_worker
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from articles.roles import EDITOR
    from tests.factories import staff_member

    for n in range(30):
        story(page, n + 1, f"健步走活动{n}", "城北街道的健步走活动。")
    client.force_login(staff_member(EDITOR))
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:articles_term_add"), {"word": "健步走", "note": ""})
    assert response.status_code == 302
    # The request wrote no story's index: that is the worker's.
    index_writes = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and ("articles_article" in query["sql"] or "article_search" in query["sql"])
    ]
    assert not index_writes
    [(word, state, *_rest, stories)] = client.get(reverse("admin:index")).context["indexing"]
    assert (word, str(state), stories) == ("健步走", "排队中", None)
    background_worker()
    [(word, state, *_rest, stories)] = client.get(reverse("admin:index")).context["indexing"]
    assert (str(state), stories) == ("已完成", 30)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_runs_the_queued_reindexing(client):
    from tests.factories import PageFactory

    story(PageFactory(), 1, "千树塔景区开园", "千树塔景区迎来游客。")
    Term.objects.create(word="千树塔景区")  # commits: the task is queued
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert found(client, "千树塔景区") == ["千树塔景区开园"]


def test_a_headline_match_ranks_above_a_story_that_only_repeats_the_word_in_its_body(client, page):
    later = PageFactory(issue__published=True, issue__date=datetime.date(2021, 2, 1))
    story(page, 1, "信义镇红枣喜获丰收", "今年产量创新高。")
    body = "红枣种植、红枣加工、红枣销售、红枣品牌、红枣电商，红枣产业全链条发展。"
    story(later, 1, "信义镇召开产业推进会", body)
    assert found(client, "红枣") == ["信义镇红枣喜获丰收", "信义镇召开产业推进会"]


def test_a_headline_holding_more_of_the_words_ranks_first(client, page):
    later = PageFactory(issue__published=True, issue__date=datetime.date(2021, 2, 1))
    story(page, 1, "红枣丰收", "村民喜获丰收，红枣产业兴旺。")
    story(later, 1, "红枣加工厂投产", "红枣丰收以后，加工厂投产。丰收丰收丰收。")
    assert found(client, "红枣 丰收") == ["红枣丰收", "红枣加工厂投产"]
