"""Scoring the layout importer against a composed page's expected JSON (scripts/compose_pages.py): the
goal of issue 17 is every story found, none spurious, headlines right and zones overlapping."""

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


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    spurious: int = 0
    headlines: int = 0
    zones: int = 0
    photos_expected: int = 0
    photos_found: int = 0
    misses: list = field(default_factory=list)

    def add(self, other):
        counts = ("expected", "found", "spurious", "headlines", "zones", "photos_expected", "photos_found")
        for name in counts:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def score(result, expected_path):
    """How a parsed page (in the import JSON shape) compares with the expected JSON."""
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
        if (match["kicker"], match["headline"], match["subtitle"]) == (
            story["kicker"],
            story["headline"],
            story["subtitle"],
        ):
            page.headlines += 1
        else:
            page.misses.append(
                f"headline: {match['kicker']}|{match['headline']}|{match['subtitle']} ≠ "
                f"{story['kicker']}|{story['headline']}|{story['subtitle']}"
            )
        overlap = iou(match["zones"], story["zones"])
        if overlap >= 0.6:
            page.zones += 1
        else:
            page.misses.append(f"zones {overlap:.2f}: {story['headline']}")
        if match["body"] != story["body"]:
            page.misses.append(f"body differs: {story['headline']}")
        if [author["name"] for author in match["authors"]] != [author["name"] for author in story["authors"]]:
            page.misses.append(f"authors {match['authors']} ≠ {story['authors']}: {story['headline']}")
    page.spurious = len(found)
    page.misses += [f"spurious: {article['headline'] or article['body'][:16]}" for article in found]
    for photo in expected["photos"]:
        if any(
            item["caption"] == photo["caption"]
            and item["photographer"] == photo["photographer"]
            and iou([item["zone"]], [photo["zone"]]) >= 0.6
            for item in result["photos"]
        ):
            page.photos_found += 1
        else:
            page.misses.append(f"photo: {photo['caption']}")
    return page
