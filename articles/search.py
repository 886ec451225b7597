"""Search for stories, on top of the dictionary (articles/dictionary.py) and chinese_text.

- The index: each story's search tokens, written by a post_save receiver whenever its text is saved, in
  the save's transaction: into a tsvector column with a GIN index on PostgreSQL, an FTS5 table on SQLite.
  Both live outside Django's model fields. A change to the dictionary re-indexes the stories naming the
  word, in the background task queue.
- Tags (PostgreSQL): the index also holds each story's townships and departments, as lexemes that no text
  yields, kept in step with them by an m2m_changed receiver. A search within a township then reads the
  matches of both from the GIN index instead of testing every story of the township against the words.
- Queries: SearchResults ranks the newest CANDIDATES matches: those whose headline holds more of the
  query's words first, newer first among equals; those are the results, as large Chinese news sites show
  theirs ("more than 1,000 found"), so neither ranking nor counting ever reads every match of a common
  word, and ranking reads nothing the query for the matches does not already read.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from infrastructure.caching import remember

from . import dictionary
from .dictionary import segmenter
from .models import Article, Keyword

logger = logging.getLogger(__name__)

CANDIDATES = 1000
MAX_QUERY_TERMS = 32
KEYWORD_COUNT = 8


def dictionary_changed(sender, instance, signal, **kwargs):
    """A name was saved or removed: every process rebuilds its segmenter and tagger. The stories naming it
    are re-indexed only when their tokens can change: the word is new to the segmenter, or gone."""

    word = getattr(instance, "word", None) or instance.name
    # A new name always: this process may build its dictionary only now, from a database that already
    # holds the name, and would then think it known.
    retokenize = signal is post_delete or kwargs.get("created") or word not in segmenter().words

    def refresh():
        dictionary.announce_change()
        if retokenize:
            # Thousands of stories may name a common word: the worker re-indexes them, not the request.
            reindex_naming.enqueue(word)

    transaction.on_commit(refresh)


INDEXING_STATES = {
    "READY": _("queued"),
    "RUNNING": _("running"),
    "SUCCESSFUL": _("done"),
    "FAILED": _("failed"),
}


def indexing_progress(limit=10):
    """The latest re-indexing tasks for the dashboard: [(word, state, enqueued, finished, stories)]."""
    tasks = DBTaskResult.objects.filter(task_path=reindex_naming.module_path).order_by("-enqueued_at")
    return [
        (
            (task.args_kwargs.get("args") or [""])[0],
            INDEXING_STATES.get(task.status, task.status),
            task.enqueued_at,
            task.finished_at,
            task.return_value,
        )
        for task in tasks[:limit]
    ]


@task()
def reindex_naming(word):
    """Background task: index again the stories that name a word of the dictionary. Returns how many."""
    dictionary.forget()  # this worker's dictionary may predate the word, with the cache down too
    stories = Article.objects.filter(_naming(word))
    reindex(stories)
    return stories.count()


def _naming(word):
    """Stories whose searched text contains the word."""
    condition = models.Q()
    for name in SEARCHED_FIELDS:
        condition |= models.Q(**{f"{name}__contains": word})
    return condition


# The index.

SEARCHED_FIELDS = ("kicker", "headline", "subtitle", "body")


def index(articles, using=None):
    """Write the stories' search tokens into the database's index, and their keywords. Returns the characters.

    PostgreSQL keeps a tsvector column beside the story (headline weighted A, body B); SQLite an FTS5 row.
    """
    return write_index(*cut_for_index(articles, using or segmenter()))


def cut_for_index(articles, using):
    """Index rows (id, headline tokens, body tokens), keywords and length: the part needing no database."""
    rows = [
        (
            article.pk,
            " ".join(using.search_tokens(" ".join([article.kicker, article.headline, article.subtitle]))),
            " ".join(using.search_tokens(article.body)),
        )
        for article in articles
    ]
    keywords = {
        article.pk: using.keywords(f"{article.headline}\n{article.body}", KEYWORD_COUNT)
        for article in articles
    }
    characters = sum(len(article.headline) + len(article.body) for article in articles)
    return rows, keywords, characters


# Tag lexemes begin with a character that no token of text holds (chinese_text.segmentation.WORD).
INDEXED_TAGS = {"townships": "@township", "departments": "@department"}


def _tag_vector():
    """SQL for the tsvector of the tags of the story being updated: lexemes without positions, which
    ts_filter(…, '{a,b}') leaves out when the tags are written again."""
    lexemes = []
    for name, prefix in INDEXED_TAGS.items():
        field = Article._meta.get_field(name)
        lexemes.append(
            f"SELECT '{prefix}' || {field.m2m_reverse_name()} FROM {field.m2m_db_table()} "
            f"WHERE {field.m2m_column_name()} = articles_article.id"
        )
    return f"array_to_tsvector(ARRAY({' UNION ALL '.join(lexemes)}))"


def tag_query(tags):
    """The tsquery text for {"townships": id, …}: every tag lexeme."""
    return " & ".join(f"'{INDEXED_TAGS[name]}{int(pk)}'" for name, pk in tags.items())


def index_tags(article_ids):
    """Write the stories' townships and departments into their index again (PostgreSQL's; SQLite joins)."""
    article_ids = list(article_ids)
    if connection.vendor != "postgresql" or not article_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET search_vector = ts_filter(search_vector, '{a,b}') "
            f"|| {_tag_vector()} WHERE search_vector IS NOT NULL AND id IN ({_placeholders(article_ids)})",
            article_ids,
        )


def write_index(rows, keywords, characters):
    if not rows:
        return 0
    ids = [row[0] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH tokens (id, headline, body) AS (VALUES {_values(rows)}) UPDATE articles_article "
                "SET search_vector = setweight(to_tsvector('simple', tokens.headline), 'A') "
                f"|| setweight(to_tsvector('simple', tokens.body), 'B') || {_tag_vector()} "
                "FROM tokens WHERE articles_article.id = tokens.id",
                _flat(rows),
            )
        else:
            cursor.execute(f"DELETE FROM article_search WHERE rowid IN ({_placeholders(ids)})", ids)
            _insert(cursor, "article_search", ("rowid", "headline", "body"), rows)
        all_words = {word for found in keywords.values() for word in found}
        Keyword.objects.bulk_create([Keyword(word=word) for word in all_words], ignore_conflicts=True)
        keyword_ids = dict(Keyword.objects.filter(word__in=all_words).values_list("word", "pk"))
        # Plain SQL: building thousands of through-model instances costs more than writing the rows.
        through = Article.keywords.through._meta.db_table
        cursor.execute(f"DELETE FROM {through} WHERE article_id IN ({_placeholders(ids)})", ids)
        pairs = [(pk, keyword_ids[word]) for pk in ids for word in keywords[pk]]
        _insert(cursor, through, ("article_id", "keyword_id"), pairs)
    return characters


def remove(article_ids):
    """Take stories out of the index (their keywords stay)."""
    article_ids = list(article_ids)
    if not article_ids:
        return
    where = f"IN ({_placeholders(article_ids)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"UPDATE articles_article SET search_vector = NULL WHERE id {where}", article_ids)
        else:
            cursor.execute(f"DELETE FROM article_search WHERE rowid {where}", article_ids)


def article_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and (update_fields is None or set(update_fields) & set(SEARCHED_FIELDS)):
        index([instance])


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A story's townships or departments changed, from either side of the relation: index its tags."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            index_tags([instance.pk])
    elif action == "pre_clear":
        instance._stories_untagged = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        index_tags(instance.__dict__.pop("_stories_untagged", ()))
    elif action in ("post_add", "post_remove"):
        index_tags(pk_set)


def article_deleted(sender, instance, **kwargs):
    if connection.vendor == "sqlite":  # PostgreSQL's index column went with the row
        remove([instance.pk])


def reindex(queryset, batch_size=500, progress=None):
    """Index the stories again, in batches of one transaction each. Returns the characters indexed.

    A second thread cuts the next batch while the database writes the last one (both let go of the GIL
    while they work), so segmenting and writing overlap.
    """
    using = segmenter()
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    characters, cutting = 0, None

    def write(cut):
        nonlocal characters
        rows, keywords, count = cut.result()
        with transaction.atomic():
            characters += write_index(rows, keywords, count)
        if progress:
            progress(len(rows))

    with ThreadPoolExecutor(max_workers=1) as cutter:
        for start in range(0, len(pks), batch_size):
            chunk = pks[start : start + batch_size]
            batch = list(Article.objects.filter(pk__in=chunk).only("kicker", "headline", "subtitle", "body"))
            following = cutter.submit(cut_for_index, batch, using)
            if cutting:
                write(cutting)
            cutting = following
        if cutting:
            write(cutting)
    return characters


# Multi-row statements: executemany sends PostgreSQL one statement per row.
def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _values(rows):
    return ", ".join([f"({_placeholders(rows[0])})"] * len(rows))


def _flat(rows):
    return [value for row in rows for value in row]


def _insert(cursor, table, columns, rows):
    if rows:
        cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {_values(rows)}", _flat(rows))


# Queries.


def query_terms(query):
    return segmenter().query_terms(query)[:MAX_QUERY_TERMS]


def matching(queryset, terms, tags=None):
    """The stories of the queryset whose index holds every term, and that carry every tag of `tags`
    ({"townships": id, …}): PostgreSQL reads both from its index, SQLite joins the tags' tables."""
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        query, params = "plainto_tsquery('simple', %s)", [" ".join(terms)]
        if tags:
            query, params = f"({query} && %s::tsquery)", [*params, tag_query(tags)]
        condition = RawSQL(
            f"articles_article.search_vector @@ {query}", params, output_field=models.BooleanField()
        )
    else:
        queryset = queryset.filter(**(tags or {}))
        condition = RawSQL(
            "articles_article.id IN (SELECT rowid FROM article_search WHERE article_search MATCH %s)",
            [_fts_query(terms)],
            output_field=models.BooleanField(),
        )
    return queryset.filter(condition)


def _fts_query(terms):
    # Terms hold word characters only (chinese_text.segmentation.WORD), so quoting them is enough.
    return " ".join(f'"{term}"' for term in terms)


@contextmanager
def _planner_settings(using, **values):
    """PostgreSQL planner settings (enable_bitmapscan="off"…, values from our code) for the queries inside
    that read from the database `using`; elsewhere nothing."""
    if connections[using].vendor != "postgresql":
        yield
        return
    with transaction.atomic(using), connections[using].cursor() as cursor:
        for name, value in values.items():
            cursor.execute(f"SET LOCAL {name} = {value}")
        try:
            yield
        finally:
            for name in values:
                cursor.execute(f"RESET {name}")


def _estimated_rows(queryset):
    """The planner's estimate of the queryset's rows (PostgreSQL; None elsewhere): enough to choose a plan,
    at the cost of planning, where an exact count of a common word reads all its matches."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a query of no words: none()
        return 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        return cursor.fetchone()[0][0]["Plan"]["Plan Rows"]


class SearchResults:
    """A query's newest CANDIDATES matches among a queryset of stories (read as the queryset says), in rank
    order; sliceable. `capped` says there are more matches than that: a reader narrows by township or date."""

    def __init__(self, queryset, query, remember_as=None, tags=None):
        """remember_as names the search (infrastructure.caching.list_name): its ranking is kept for its other
        pages. tags: {"townships": id, …}, the township and department every match carries (matching)."""
        self.terms = query_terms(query)
        self.remember_as = remember_as
        self.matches = matching(queryset, self.terms, tags)
        self._ranked = None

    def count(self):
        return len(self.ranked_ids())

    def __len__(self):
        return self.count()

    @property
    def capped(self):
        return self._ranking()[1]

    def ranked_ids(self):
        """The newest CANDIDATES matches, most relevant first (the more of the query's words the headline,
        kicker or subtitle holds), newer first among equals."""
        return self._ranking()[0]

    def _ranking(self):
        if self._ranked is None:
            if self.remember_as is None:
                self._ranked = self._rank()
            else:
                self._ranked = remember(f"search:{self.remember_as}", self._rank)
        return self._ranked

    def _rank(self):
        """(ids in rank order, whether there were more matches than CANDIDATES)."""
        # With dense matches the newest 1,000 are near the top of the date index: walking it tests a
        # few thousand stories. The planner, seeing each test priced up, would read every match instead.
        estimate = _estimated_rows(self.matches)
        dense = estimate is not None and estimate > 10 * CANDIDATES
        # The headlines come with the matches (the row is read for the match anyway): ranking by them takes
        # no second query, where ts_rank or bm25 over 1,000 stories' index took a third of a search's time.
        # Parallel workers cost this query more to start than they save: two took 13 ms of 20.
        planner = {"max_parallel_workers_per_gather": "0", **({"enable_bitmapscan": "off"} if dense else {})}
        with _planner_settings(self.matches.db, **planner):
            rows = self.matches.newest_first().values_list("pk", "kicker", "headline", "subtitle")
            newest = list(rows[: CANDIDATES + 1])
        capped = len(newest) > CANDIDATES
        newest = newest[:CANDIDATES]

        def words_in_headline(row):
            headline = " ".join(row[1:]).lower()
            return sum(term in headline for term in self.terms)

        return [row[0] for row in sorted(newest, key=words_in_headline, reverse=True)], capped

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("SearchResults are read a page at a time.")
        ids = self.ranked_ids()[window]
        stories = self.matches.for_listing().in_bulk(ids)
        return [stories[pk] for pk in ids if pk in stories]
