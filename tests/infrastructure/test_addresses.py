"""Addresses filled into each view's pattern, reversed once: the same as reverse() gives."""

import pytest
from django.urls import NoReverseMatch, re_path, reverse, set_script_prefix, set_urlconf

from infrastructure.addresses import _pattern, cached_reverse


@pytest.mark.parametrize(
    ("viewname", "args", "kwargs"),
    [
        ("articles:home", (), {}),
        ("articles:detail", (), {"pk": 1024}),
        ("articles:township", (), {"slug": "xinyi-zhen"}),
        ("issues:page", (), {"number": 500, "page": 3}),
        ("articles:archive_day", (2020, 1, 31), {}),
    ],
)
def test_an_address_is_the_one_reverse_gives(viewname, args, kwargs):
    expected = reverse(viewname, args=args or None, kwargs=kwargs or None)

    assert cached_reverse(viewname, *args, **kwargs) == expected
    assert cached_reverse(viewname, *args, **kwargs) == expected  # from the pattern the first call made


def test_a_site_under_a_prefix_gets_its_addresses_under_it():
    cached_reverse("articles:detail", pk=1)
    set_script_prefix("/news/")
    try:
        assert cached_reverse("articles:detail", pk=1) == "/news/articles/1/"
    finally:
        set_script_prefix("/")
    assert cached_reverse("articles:detail", pk=1) == "/articles/1/"


def test_patterns_kept_are_bounded_whatever_the_prefixes():
    try:
        for number in range(600):
            set_script_prefix(f"/site-{number}/")
            assert cached_reverse("articles:detail", pk=1) == f"/site-{number}/articles/1/"
    finally:
        set_script_prefix("/")
    assert _pattern.cache_info().currsize <= 512


@pytest.mark.parametrize(
    ("viewname", "kwargs"),
    [
        ("articles:township", {"slug": "信义镇"}),  # the slug converter takes no Chinese
        ("articles:detail", {"pk": "xinyi-zhen"}),  # an id is digits
        ("articles:detail", {"pk": "12/../34"}),
        ("articles:no-such-view", {}),
    ],
)
def test_what_reverse_refuses_is_refused(viewname, kwargs):
    with pytest.raises(NoReverseMatch):
        cached_reverse(viewname, **kwargs)


def test_a_route_the_marks_do_not_fit_is_reversed_as_django_does():
    set_urlconf(__name__)
    try:
        assert cached_reverse("year", year=2026) == "/year/2026/"
        with pytest.raises(NoReverseMatch):
            cached_reverse("year", year=26)
    finally:
        set_urlconf(None)


# The URLconf of the test above: a year of four digits.
urlpatterns = [re_path(r"^year/(?P<year>[0-9]{4})/$", lambda request, year: None, name="year")]
