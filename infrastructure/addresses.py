"""Addresses of pages, each view's reversed once and filled in after. Django's reverse() matches every call
against the URLconf (25 µs here), and a list page asks for some seventy: each story, its townships and
departments, the menus. A value that is not a plain number or slug goes through reverse() as before."""

import functools
import re

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Stands in for each value while the pattern is reversed: digits, which every converter takes.
MARK = "73019468"
MARKS = re.compile(f"{MARK}(\\d\\d)")
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


def cached_reverse(viewname, *args, **kwargs):
    """reverse(viewname, args=args or kwargs=kwargs), filled into the view's pattern when it can be."""
    texts = [str(value) for value in args or kwargs.values()]
    pattern = _pattern(viewname, len(args), tuple(kwargs), get_script_prefix(), get_urlconf())
    if pattern and all(
        PLAIN.fullmatch(text) and (letters or text.isdigit())
        for text, letters in zip(texts, pattern[1], strict=True)
    ):
        return "".join(texts[piece] if isinstance(piece, int) else piece for piece in pattern[0])
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


# Bounded: the script prefix is the server's, but a proxy that passed a client's through would make each
# address its own pattern.
@functools.lru_cache(maxsize=512)
def _pattern(viewname, arg_count, names, script_prefix, urlconf):
    """The view's address as text with each value's position between, and whether each value may hold
    letters (a slug) or only digits (an id, a number); None for a view the marks do not fit (a route
    that takes four digits, say, or none of this name), which reverse() then answers."""
    marks = [f"{MARK}{index:02d}" for index in range(arg_count or len(names))]
    try:
        address = _reverse(viewname, urlconf, marks, names)
    except NoReverseMatch:
        return None
    # re.split gives text, a mark's number, text, …
    pieces = MARKS.split(address)
    takes_letters = []
    for index in range(len(marks)):
        try:
            _reverse(viewname, urlconf, [*marks[:index], "a", *marks[index + 1 :]], names)
        except NoReverseMatch:
            takes_letters.append(False)
        else:
            takes_letters.append(True)
    return [int(piece) if index % 2 else piece for index, piece in enumerate(pieces)], takes_letters


def _reverse(viewname, urlconf, values, names):
    if names:
        return reverse(viewname, urlconf, kwargs=dict(zip(names, values, strict=True)))
    return reverse(viewname, urlconf, args=values)
