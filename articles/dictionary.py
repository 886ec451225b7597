"""The search dictionary: our own names (townships and aliases, places, departments and short forms,
authors, terms) given to the segmenter and the tagger (chinese_text). Each process builds them once and
rebuilds them when any of those tables changes: a version number in the shared cache says so."""

import logging
import uuid
from typing import NamedTuple

from django.core.cache import cache
from django.db import models

from chinese_text.segmentation import Segmenter
from chinese_text.tagger import GazetteerTagger
from infrastructure.caching import CACHE_ERRORS

from .models import Author, Department, DepartmentShortName, Place, Term, Township, TownshipAlias

logger = logging.getLogger(__name__)

VERSION_KEY = "search:dictionary-version"

_built = {"version": None, "segmenter": None, "tagger": None}


def _version():
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    except CACHE_ERRORS:
        # Without the shared cache, keep the dictionary this process has; build one if it has none.
        logger.warning("Cache unavailable; the search dictionary may lag behind", exc_info=True)
        return _built["version"] or "cache-unavailable"
    return version


def _build():
    version = _version()
    if _built["version"] == version:
        return
    townships = {township.name: [] for township in Township.objects.all()}
    for alias in TownshipAlias.objects.select_related("township"):
        townships[alias.township.name].append(alias.name)
    places = dict(Place.objects.values_list("name", "township__name"))
    departments = {department.name: [] for department in Department.objects.all()}
    for short_name in DepartmentShortName.objects.select_related("department"):
        departments[short_name.department.name].append(short_name.name)
    words = [
        *townships,
        *(alias for aliases in townships.values() for alias in aliases),
        *places,
        *departments,
        *(short for shorts in departments.values() for short in shorts),
        *Author.objects.values_list("name", flat=True),
        *Term.objects.values_list("word", flat=True),
    ]
    if _built["segmenter"] is not None and _built["segmenter"].words <= set(words):
        _built["segmenter"].add_words(words)  # the usual change: a name was added
    else:
        _built["segmenter"] = Segmenter(words)
    _built.update(version=version, tagger=GazetteerTagger(townships, places, departments))


def segmenter():
    _build()
    return _built["segmenter"]


def tagger():
    _build()
    return _built["tagger"]


def announce_change():
    """Tell every process to rebuild its dictionary."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable; other processes keep their dictionary", exc_info=True)


def forget():
    """Build this process's dictionary afresh on next use, whatever the shared version says."""
    _built["version"] = None


class SuggestedTags(NamedTuple):
    townships: models.QuerySet
    departments: models.QuerySet


def suggested_tags(story):
    """Townships and departments the story's text names (the gazetteer tagger) that are not tagged yet."""
    text = "\n".join([story.kicker, story.headline, story.subtitle, story.body])
    tags = tagger().tag(text)
    return SuggestedTags(
        townships=Township.objects.filter(name__in=tags.townships).exclude(articles=story),
        departments=Department.objects.filter(name__in=tags.departments).exclude(articles=story),
    )
