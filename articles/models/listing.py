"""What a list shows of each story (its townships, departments and first picture; or the names of its
bylines), read with the story in one query: each relation is gathered into JSON by a subquery, instead
of a prefetch query apiece. At about 1.5 ms of Python a query, the prefetches were most of a list page's
time (docs/benchmarks.md)."""

import functools

from django.db import models

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


def gathered(queryset, **fields):
    """A subquery of the outer story: the JSON array of `fields` of each row of `queryset`."""
    rows = queryset.order_by().annotate(all=models.Value(1)).values("all")
    return models.Subquery(
        rows.annotate(gathered=JSONArrayAgg(models.functions.JSONObject(**fields))).values("gathered")
    )


@functools.cache  # built once: annotate() resolves a copy, and building them took a fifth of a list's query
def listing_annotations():
    """The JSON a list reads of each story; ListingCard turns it back into models."""
    story = models.OuterRef("pk")
    first_photo = Photo.objects.with_image().filter(article=story).order_by("pk")
    photo_fields = models.functions.JSONObject(
        image="image", thumbnail="thumbnail", display="display", alt_text="alt_text", width="width",
        height="height",
    )  # fmt: skip
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
        "listed_photo": models.Subquery(
            first_photo.values(photo=photo_fields)[:1], output_field=models.JSONField()
        ),
    }


def author_annotation():
    """The names a story's bylines print, gathered as listing_annotations gathers its tags."""
    authors = Author.objects.filter(bylines__article=models.OuterRef("pk"))
    return {"listed_authors": gathered(authors, name="name", order="bylines__order", byline="bylines__pk")}


def author_names(listed_authors):
    """The names in byline order, from the JSON author_annotation reads."""
    return [
        row["name"] for row in sorted(listed_authors or (), key=lambda row: (row["order"], row["byline"]))
    ]


class ListingCard:
    """A story's townships and departments (in the gazetteer's order) and its first picture, as unsaved
    model instances that link and print as the saved ones do."""

    def __init__(self, townships, departments, photo):
        # A story without tags reads NULL from PostgreSQL's JSONB_AGG and [] from SQLite.
        self.townships = sorted((Township(**row) for row in townships or ()), key=lambda town: town.code)
        self.departments = sorted(
            map(_department, departments or ()), key=lambda unit: (unit.kind, unit.name)
        )
        self.photo = Photo(**photo) if photo else None


def _department(row):
    printed_name = row.pop("printed_name")
    department = Department(**row)
    department.printed_name = printed_name
    return department
