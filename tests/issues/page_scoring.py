"""Scoring an importer against a composed page's expected JSON (scripts/compose_pages.py), field by field:
stories found and spurious, headlines, subtitles, bylines, dates, body ends, zones (from a PDF) and
photos with their photographers."""

import itertools
import json
from dataclasses import dataclass, field


def area_of_union(rectangles):
    """The area the rectangles [x, y, w, h] cover together, on the grid their edges make."""
    xs = sorted({x for r in rectangles for x in (r[0], r[0] + r[2])})
    ys = sorted({y for r in rectangles for y in (r[1], r[1] + r[3])})
    area = 0.0
    for left, right in itertools.pairwise(xs):
        for top, bottom in itertools.pairwise(ys):
            cx, cy = (left + right) / 2, (top + bottom) / 2
            if any(r[0] <= cx <= r[0] + r[2] and r[1] <= cy <= r[1] + r[3] for r in rectangles):
                area += (right - left) * (bottom - top)
    return area


def intersection(one, other):
    pieces = []
    for a in one:
        for b in other:
            left, top = max(a[0], b[0]), max(a[1], b[1])
            right, bottom = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
            if right > left and bottom > top:
                pieces.append([left, top, right - left, bottom - top])
    return area_of_union(pieces) if pieces else 0.0


def iou(found, expected):
    """Intersection over union of two sets of rectangles."""
    if not found or not expected:
        return 0.0
    shared = intersection(found, expected)
    return shared / (area_of_union(found) + area_of_union(expected) - shared)


COUNTS = (
    "expected",
    "found",
    "spurious",
    "headlines",
    "subtitles",
    "bylines",
    "dates",
    "body_ends",
    "zones",
    "photos_expected",
    "photos_found",
)


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    spurious: int = 0
    headlines: int = 0  # kicker, headline and subtitle all right
    subtitles: int = 0
    bylines: int = 0
    dates: int = 0
    body_ends: int = 0
    zones: int = 0
    photos_expected: int = 0
    photos_found: int = 0  # caption and photographer right (and the zone, where both have zones)
    misses: list = field(default_factory=list)

    def add(self, other):
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def _names(authors):
    return [author["name"] for author in authors]


def score(result, expected_path):
    """How a parsed page (in the import JSON shape) compares with the expected JSON. A story is found
    when its body opens as expected; zones are compared where both sides have them."""
    with open(expected_path, encoding="utf-8") as file:
        expected = json.load(file)
    found = list(result["articles"])
    page = Score(expected=len(expected["articles"]), photos_expected=len(expected["photos"]))
    for story in expected["articles"]:
        opening = story["body"][:16]
        match = next((article for article in found if article["body"][:16] == opening), None)
        if match is None:
            page.misses.append(f"not found: {story['headline']}")
            continue
        found.remove(match)
        page.found += 1
        checks = {
            "headlines": [match[part] for part in ("kicker", "headline", "subtitle")]
            == [story[part] for part in ("kicker", "headline", "subtitle")],
            "subtitles": match["subtitle"] == story["subtitle"],
            "bylines": _names(match["authors"]) == _names(story["authors"]),
            "dates": match.get("event_date") == story.get("event_date", match.get("event_date")),
            "body_ends": match["body"][-16:] == story["body"][-16:],
            "zones": "zones" in match and iou(match["zones"], story.get("zones", [])) >= 0.6,
        }
        for name, right in checks.items():
            setattr(page, name, getattr(page, name) + right)
        if not checks["headlines"]:
            page.misses.append(
                f"headline: {match['kicker']}|{match['headline']}|{match['subtitle']} ≠ "
                f"{story['kicker']}|{story['headline']}|{story['subtitle']}"
            )
        if not checks["bylines"]:
            page.misses.append(
                f"authors {_names(match['authors'])} ≠ {_names(story['authors'])}: {story['headline']}"
            )
        if not checks["dates"]:
            page.misses.append(f"date {match.get('event_date')} ≠ {story['event_date']}: {story['headline']}")
        if not checks["body_ends"]:
            page.misses.append(
                f"body ends …{match['body'][-16:]} ≠ …{story['body'][-16:]}: {story['headline']}"
            )
        if "zones" in match and not checks["zones"]:
            page.misses.append(f"zones {iou(match['zones'], story['zones']):.2f}: {story['headline']}")
    page.spurious = len(found)
    page.misses += [f"spurious: {article['headline'] or article['body'][:16]}" for article in found]
    for photo in expected["photos"]:
        if any(
            item["caption"] == photo["caption"]
            and item["photographer"] == photo["photographer"]
            and ("zone" not in item or iou([item["zone"]], [photo["zone"]]) >= 0.6)
            for item in result["photos"]
        ):
            page.photos_found += 1
        else:
            page.misses.append(f"photo: {photo['caption']}")
    return page
