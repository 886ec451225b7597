"""What a list shows of each story (its townships, departments and first picture; or the names of its
bylines), read with the story in one query: each relation is gathered into JSON by a subquery, instead
of a prefetch query apiece. At about 1.5 ms of Python a query, the prefetches were most of a list page's
time (docs/benchmarks.md)."""

import functools
import operator

from django.db import models

from .bylines import Byline
from .gazetteer import Department, Township
from .people import Author
from .photos import Photo


class JSONArrayAgg(models.Aggregate):
    """The rows' values as one JSON array: JSONB_AGG on PostgreSQL (which Django reads as it reads a
    JSONField; plain JSON comes decoded by the driver), JSON_GROUP_ARRAY on SQLite."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


class JSONRow(models.Func):
    """A JSON object of the row's fields, its keys written into the SQL. Django's JSONObject passes each key
    as a parameter cast to text, which doubled what the listing's subqueries resolve and compile on every
    query; these keys are names in our code."""

    output_field = models.JSONField()

    def __init__(self, **fields):
        if not all(key.isidentifier() and key.isascii() for key in fields):
            raise ValueError(f"JSON keys must be plain names: {list(fields)}")
        self.keys = list(fields)
        super().__init__(*fields.values())

    def as_sql(self, compiler, connection, **extra_context):
        members, params = [], []
        for key, expression in zip(self.keys, self.get_source_expressions(), strict=True):
            sql, expression_params = compiler.compile(expression)
            members.append(f"'{key}', {sql}")
            params.extend(expression_params)
        function = "JSONB_BUILD_OBJECT" if connection.vendor == "postgresql" else "JSON_OBJECT"
        return f"{function}({', '.join(members)})", params


class CompiledOnce(models.Expression):
    """A subquery of the outer story whose SQL is the same in every query it is put in: resolved and
    compiled the first time for each database and each place of the story's table in the outer query, then
    written as it was. Resolving and compiling the listing's subqueries cost a list's query 2 ms and the
    story page's 4.5 ms of Python on every request (bench/query_compile.py). So it may hold no value that
    changes between queries (a time, a user's input): the listing's subqueries hold none."""

    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, subquery):
        super().__init__(output_field=subquery.output_field)
        self.subquery = subquery
        self.compiled = {}  # shared by its copies: every query resolves a copy

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        return self.copy()

    def get_group_by_cols(self):
        return []  # it reads the outer story's key, which any grouping of stories holds already

    def as_sql(self, compiler, connection):
        # The outer query's first table (the stories) and alias prefix are all its SQL depends on.
        outer = compiler.query
        key = (connection.alias, outer.alias_prefix, outer.base_table)
        if key not in self.compiled:
            self.compiled[key] = compiler.compile(self.subquery.resolve_expression(outer))
        return self.compiled[key]


def gathered(queryset, **fields):
    """A subquery of the outer story: the JSON array of `fields` of each row of `queryset`."""
    rows = queryset.order_by().annotate(all=models.Value(1)).values("all")
    return CompiledOnce(
        models.Subquery(rows.annotate(gathered=JSONArrayAgg(JSONRow(**fields))).values("gathered"))
    )


# What a picture shows readers: a list's thumbnail; with its caption and credit, the story page's figure.
PHOTO_FIELDS = {field: field for field in ("image", "thumbnail", "display", "alt_text", "width", "height")}


@functools.cache  # built once: annotate() resolves a copy, and building them took a fifth of a list's query
def listing_annotations():
    """The JSON a list reads of each story; ListingCard turns it back into models."""
    story = models.OuterRef("pk")
    first_photo = Photo.objects.with_image().filter(article=story).order_by("pk")
    photo = JSONRow(**PHOTO_FIELDS)
    return {
        "listed_townships": gathered(
            Township.objects.filter(articles=story), pk="pk", name="name", slug="slug", code="code"
        ),
        "listed_departments": gathered(
            Department.objects.with_printed_names().filter(articles=story),
            pk="pk",
            name="name",
            printed_name="printed_name",
            slug="slug",
            kind="kind",
        ),
        "listed_photo": CompiledOnce(
            models.Subquery(first_photo.values(photo=photo)[:1], output_field=models.JSONField())
        ),
    }


@functools.cache  # as listing_annotations
def byline_annotation():
    """A story's bylines with their authors, as JSON: what an issue's page, the feed and the story page
    print of them (Article.bylines_in_order)."""
    bylines = Byline.objects.filter(article=models.OuterRef("pk"))
    author = {"author_pk": "author__pk", "author_name": "author__name", "author_slug": "author__slug"}
    return {"listed_bylines": gathered(bylines, pk="pk", role="role", order="order", **author)}


def in_model_order(instances, model):
    """Unsaved instances sorted as the model's Meta.ordering sorts its rows (plain field names, ascending):
    no JSON aggregate keeps an order on SQLite 3.40."""
    opts = model._meta
    columns = [opts.pk.attname if name == "pk" else opts.get_field(name).attname for name in opts.ordering]
    return sorted(instances, key=operator.attrgetter(*columns))


def bylines(rows):
    """The Byline instances, with their authors, of the JSON byline_annotation reads, in order."""
    return in_model_order(
        (
            Byline(
                pk=row["pk"],
                role=row["role"],
                order=row["order"],
                author=Author(pk=row["author_pk"], name=row["author_name"], slug=row["author_slug"]),
            )
            for row in rows or ()
        ),
        Byline,
    )


class ListingCard:
    """A story's townships and departments (in the gazetteer's order) and its first picture, as unsaved
    model instances that link and print as the saved ones do."""

    def __init__(self, townships, departments, photo):
        # A story without tags reads NULL from PostgreSQL's JSONB_AGG and [] from SQLite.
        self.townships = in_model_order((Township(**row) for row in townships or ()), Township)
        self.departments = in_model_order(map(_department, departments or ()), Department)
        self.photo = Photo(**photo) if photo else None


def _department(row):
    printed_name = row.pop("printed_name")
    department = Department(**row)
    department.printed_name = printed_name
    return department
