"""Typeset printed pages as PDFs from hand-written page specs, the way the paper's typesetting would.

    .venv/bin/python scripts/compose_pages.py SPEC.page.json [...]

For each spec it writes, beside it, SPEC.pdf (the page), SPEC.json (what an importer should find: each
story's kicker, headline, subtitle, body and authors as the spec gives them, and the zones the
typesetter filled, as fractions of the page with the origin at the top left) and SPEC.txt (the page's
text as pdfminer.six's extract_text gives it, as the archive's text was made). The output is the same on
every run (reportlab's invariant mode, images drawn from the spec). Needs the dev dependencies and
Debian's fonts-wqy-zenhei, fonts-arphic-uming and fonts-arphic-ukai.

A page with "stories_from" (the demo's printed page, fixtures/demo/printed_page.page.json) takes its
stories' text from that file by position, and only its PDF is written.

A spec: {"page": {...}, "stories": [...], "photos": [...]}, sizes in millimetres on a grid of columns.
A story: box [first column, columns, top, height] inside the content area; kicker, headline (a list of
lines), subtitle, byline (□ name), source (本报讯), body (paragraphs), end (the closing （王艳）), authors;
optional photo {column, columns, top, height, caption, photographer} inside the box, head_columns (the
headline block set beside the body, in the box's first columns), continued (the page it jumps to),
bold ("double" draws the headline twice, "stroke" fills and strokes it), briefs (简讯: a list of {lead,
body, end, authors, event_date}, each a story of its own under one heading), event_date (the date the
story's text names, as the importer should read it; given, it is expected).
"""

import io
import json
import sys
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from chinese_text.printed_page.geometry import as_zone

FONTS = {
    "hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "song": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc",
}
PAGE_SIZE = (280, 400)  # millimetres, unless the spec's page gives its "size"
MARGIN, GUTTER = 12 * mm, 4 * mm
CONTENT_TOP = 34 * mm
BODY_SIZE, LEADING = 9, 13
CAPTION_SIZE = 8
WEEKDAYS = "一二三四五六日"


def register_fonts():
    for name, path in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))


class Sheet:
    """A reportlab canvas measured from the top left, recording the box of everything it sets."""

    def __init__(self, path, columns, size):
        self.width, self.height = size[0] * mm, size[1] * mm
        self.canvas = canvas.Canvas(str(path), pagesize=(self.width, self.height), invariant=1)
        self.column_width = (self.width - 2 * MARGIN - (columns - 1) * GUTTER) / columns

    def column_x(self, column):
        return MARGIN + column * (self.column_width + GUTTER)

    def span_width(self, columns):
        return columns * self.column_width + (columns - 1) * GUTTER

    def text(self, x, top, text, font, size, bold=""):
        """Set one line with its top at `top`; returns its box (x0, top, x1, bottom) in points."""
        baseline = top + size * 0.88
        draw = self.canvas
        draw.setFont(font, size)
        if bold == "stroke":
            draw.saveState()
            draw.setLineWidth(0.3)
            text_object = draw.beginText(x, self.height - baseline)
            text_object.setTextRenderMode(2)
            text_object.setFont(font, size)
            text_object.textOut(text)
            draw.drawText(text_object)
            draw.restoreState()
        else:
            draw.drawString(x, self.height - baseline, text)
            if bold == "double":
                draw.drawString(x + 0.35, self.height - baseline, text)
        width = pdfmetrics.stringWidth(text, font, size)
        return (x, top, x + width, top + size)

    def image(self, box, seed):
        x0, top, x1, bottom = box
        self.canvas.drawImage(ImageReader(picture(seed)), x0, self.height - bottom, x1 - x0, bottom - top)

    def rule(self, top):
        self.canvas.setLineWidth(0.8)
        self.canvas.line(MARGIN, self.height - top, self.width - MARGIN, self.height - top)

    def zone(self, box):
        """A box as the importers give zones (chinese_text.printed_page.geometry.as_zone)."""
        return as_zone(*box, self.width, self.height)


def picture(seed):
    """A deterministic stand-in photo: bands of colour and a circle, different for each seed."""
    image = Image.new("RGB", (240, 180), (40 + seed * 37 % 180, 90, 140))
    draw = ImageDraw.Draw(image)
    for band in range(0, 180, 20):
        draw.rectangle([0, band, 240, band + 9], fill=(200, 120 + band % 100, 60 + seed * 23 % 150))
    draw.ellipse([70, 40, 170, 140], fill=(250, 220, 120))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def union(boxes):
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def wrap(text, font, size, width, indent=0.0):
    """Break a paragraph into lines of at most `width` points, character by character (Chinese setting)."""
    lines, line, used = [], "", indent
    for character in text:
        advance = pdfmetrics.stringWidth(character, font, size)
        if line and used + advance > width + 0.01:
            lines.append(line)
            line, used = "", 0.0
        line += character
        used += advance
    if line:
        lines.append(line)
    return lines


class Flow:
    """The body's lines set into the free intervals of a story's columns, column after column."""

    def __init__(self, sheet, intervals):
        self.sheet, self.intervals = sheet, intervals  # [(x, width, top, bottom)], in reading order
        self.slot, self.top = 0, intervals[0][2] if intervals else 0
        self.pieces = {}  # slot → boxes set there

    def next_line(self):
        while self.slot < len(self.intervals):
            x, width, _top, bottom = self.intervals[self.slot]
            if self.top + LEADING <= bottom + 0.01:
                top, self.top = self.top, self.top + LEADING
                return self.slot, x, width, top
            self.slot += 1
            if self.slot < len(self.intervals):
                self.top = self.intervals[self.slot][2]
        return None

    def lines_left(self):
        count, slot, top = 0, self.slot, self.top
        while slot < len(self.intervals):
            bottom = self.intervals[slot][3]
            count += max(0, int((bottom - top + 0.01) // LEADING))
            slot += 1
            if slot < len(self.intervals):
                top = self.intervals[slot][2]
        return count

    def set_paragraph(self, runs):
        """runs: [(text, font, bold)]; the first line is indented two characters. Returns False when the
        paragraph did not fit."""
        indent = 2 * BODY_SIZE
        characters = [(character, font, bold) for text, font, bold in runs for character in text]
        first = True
        while characters:
            place = self.next_line()
            if place is None:
                return False
            slot, x, width, top = place
            used = indent if first else 0.0
            line = []
            while characters:
                character, font, bold = characters[0]
                advance = pdfmetrics.stringWidth(character, font, BODY_SIZE)
                if line and used + advance > width + 0.01:
                    break
                line.append(characters.pop(0))
                used += advance
            cursor = x + (indent if first else 0.0)
            boxes = []
            for group in group_runs(line):
                text, font, bold = group
                boxes.append(self.sheet.text(cursor, top, text, font, BODY_SIZE, bold))
                cursor = boxes[-1][2]
            self.pieces.setdefault(slot, []).append(union(boxes))
            first = False
        return True


def group_runs(line):
    runs = []
    for character, font, bold in line:
        if runs and runs[-1][1] == font and runs[-1][2] == bold:
            runs[-1][0] += character
        else:
            runs.append([character, font, bold])
    return [tuple(run) for run in runs]


def compose(spec_path):
    spec = json.loads(Path(spec_path).read_text())
    page = spec["page"]
    if page.get("stories_from"):
        stories = json.loads((Path(spec_path).parent / page["stories_from"]).read_text())["articles"]
        by_position = {entry["position"]: entry for entry in stories}
        spec["stories"] = [stored_story(by_position[story["position"]], story) for story in spec["stories"]]
    stem = Path(spec_path).with_suffix("").with_suffix("")
    sheet = Sheet(stem.with_suffix(".pdf"), page["columns"], page.get("size", PAGE_SIZE))
    header(sheet, page)
    expected = {"articles": [], "photos": []}
    for story in spec["stories"]:
        expected["articles"] += set_story(sheet, story)
        if story.get("photo"):
            expected["photos"].append(story["photo"]["expected"])
    for seed, photo in enumerate(spec.get("photos", []), 100):
        first, columns, top, height = photo["box"]
        box = (sheet.column_x(first), CONTENT_TOP + top * mm, 0, 0)
        box = (box[0], box[1], box[0] + sheet.span_width(columns), box[1] + height * mm)
        expected["photos"].append(set_photo(sheet, photo, box, seed))
    sheet.canvas.showPage()
    sheet.canvas.save()
    if page.get("stories_from"):
        return  # the stories' own file is the expectation
    stem.with_suffix(".json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n")
    from pdfminer.high_level import extract_text  # the archive's extractor, at its defaults

    stem.with_suffix(".txt").write_text(extract_text(str(stem.with_suffix(".pdf"))))


def stored_story(entry, layout):
    """A story of the demo's own file (fixtures/demo/sample_page.json) with its layout from the spec."""
    names = " ".join(author["name"] for author in entry["authors"])
    story = {
        "kicker": entry["kicker"],
        "headline": [entry["headline"]],
        "subtitle": entry["subtitle"],
        "body": entry["body"],
        "authors": [{"name": author["name"], "roles": [author["role"]]} for author in entry["authors"]],
        **(
            {"source": entry["source"], "end": f"（{names}）"}
            if entry["source"]
            else {"byline": f"□ {names}"}
        ),
    }
    return {**story, **{key: value for key, value in layout.items() if key != "position"}}


def header(sheet, page):
    """The page header: the paper's name, 版次 and 版名, the date, over a rule."""
    import datetime

    date = datetime.date.fromisoformat(page["date"])
    sheet.text(MARGIN, 14 * mm, page.get("paper", "离石新闻"), "hei", 22)
    sheet.text(sheet.width / 2 - 20 * mm, 16 * mm, f"第{page['number']}版  {page['name']}", "hei", 11)
    sheet.text(
        sheet.width - MARGIN - 52 * mm,
        16 * mm,
        f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}",
        "song",
        10,
    )
    sheet.text(sheet.width - MARGIN - 52 * mm, 22 * mm, page.get("editor", "责任编辑：张敏"), "song", 9)
    sheet.rule(30 * mm)


def set_photo(sheet, photo, box, seed):
    sheet.image(box, seed)
    caption = f"{photo['caption']}　{photo['photographer']} 摄"
    boxes = [box]
    top = box[3] + 1.5 * mm
    for line in wrap(caption, "song", CAPTION_SIZE, box[2] - box[0]):
        boxes.append(sheet.text(box[0], top, line, "song", CAPTION_SIZE))
        top += CAPTION_SIZE + 3
    photo["bottom"] = top
    return {
        "caption": photo["caption"],
        "photographer": photo["photographer"],
        "zone": sheet.zone(union(boxes)),
    }


def set_headline_block(sheet, story, x, width, top):
    """Kicker, headline lines, subtitle and □ byline, centred over the story's columns."""
    boxes = []

    def centred(text, font, size, bold=""):
        nonlocal top
        line_width = pdfmetrics.stringWidth(text, font, size)
        left = x if story.get("align") == "left" else x + (width - line_width) / 2
        boxes.append(sheet.text(left, top, text, font, size, bold))
        top += size * 1.3

    if story.get("kicker"):
        centred(story["kicker"], "kai", 12)
    for line in story["headline"]:
        centred(line, "hei", story.get("headline_size", 20), story.get("bold", ""))
    if story.get("subtitle"):
        centred(story["subtitle"], "song", 12)
    if story.get("byline"):
        top += 1 * mm
        boxes.append(sheet.text(x, top, story["byline"], "hei", BODY_SIZE))
        top += LEADING
    return boxes, top + 2.5 * mm


def set_story(sheet, story):
    first, columns, top, height = story["box"]
    x = sheet.column_x(first)
    width = sheet.span_width(columns)
    top, bottom = CONTENT_TOP + top * mm, CONTENT_TOP + (top + height) * mm
    beside = story.get("head_columns", 0)  # a headline block set beside the body, in its first columns
    if beside:
        head_boxes, _below = set_headline_block(sheet, story, x, sheet.span_width(beside), top)
        body_top = top
    else:
        head_boxes, body_top = set_headline_block(sheet, story, x, width, top)
    photo = story.get("photo")
    photo_box = None
    if photo:
        photo_x = sheet.column_x(first + photo["column"])
        photo_top = body_top + photo["top"] * mm
        photo_right = photo_x + sheet.span_width(photo["columns"])
        photo_box = (photo_x, photo_top, photo_right, photo_top + photo["height"] * mm)
        photo["expected"] = set_photo(sheet, photo, photo_box, len(story["headline"][0]))
    intervals = []
    for column in range(first + beside, first + columns):
        column_x = sheet.column_x(column)
        free = [(body_top, bottom)]
        if photo_box and photo_box[0] <= column_x < photo_box[2]:
            free = [(body_top, photo_box[1] - 2 * mm), (photo["bottom"] + 1 * mm, bottom)]
        intervals += [(column_x, sheet.column_width, a, b) for a, b in free if b - a >= LEADING]
    if story.get("briefs"):
        return set_briefs(sheet, story, intervals, head_boxes)
    flow = Flow(sheet, intervals)
    body = list(story["body"])
    printed, jumped = [], False
    for index, paragraph in enumerate(body):
        last = index == len(body) - 1
        text = paragraph + (story.get("end", "") if last else "")
        runs = [(text, "song", "")]
        if index == 0 and story.get("source"):
            runs = [(story["source"], "hei", ""), ("　", "song", ""), (text, "song", "")]
        needed = len(wrap(text, "song", BODY_SIZE, sheet.column_width, 2 * BODY_SIZE))
        if story.get("continued") and flow.lines_left() <= needed:
            kept = fit(text, flow, sheet)
            runs = [*runs[:-1], (kept, "song", "")]
            flow.set_paragraph(runs)
            flow.set_paragraph([(f"（下转第{story['continued']}版）", "song", "")])
            printed.append(kept)
            jumped = True  # the rest, with the byline, is printed on the other page
            break
        if not flow.set_paragraph(runs):
            raise SystemExit(f"{story['headline'][0]}: the body does not fit its box")
        printed.append(paragraph)
    pieces = [union(boxes) for _slot, boxes in sorted(flow.pieces.items())]
    return [
        {
            "kicker": story.get("kicker", ""),
            "headline": "".join(story["headline"]),
            "subtitle": story.get("subtitle", ""),
            "body": "\n".join(printed),
            "authors": [] if jumped else story.get("authors", []),
            "zones": [sheet.zone(union(head_boxes))] + [sheet.zone(piece) for piece in pieces],
            **expected_date(story),
        }
    ]


def expected_date(story):
    return {"event_date": story["event_date"]} if "event_date" in story else {}


def fit(text, flow, sheet):
    """The part of the last paragraph that fits before the jump line."""
    room = flow.lines_left() - 1
    lines = wrap(text, "song", BODY_SIZE, sheet.column_width, 2 * BODY_SIZE)
    return "".join(lines[: max(room, 1)])


def set_briefs(sheet, story, intervals, head_boxes):
    """简讯: items with a bold lead-in, each a story; the heading's box goes with the first."""
    flow = Flow(sheet, intervals)
    found = []
    for brief in story["briefs"]:
        flow.pieces = {}
        text = brief["body"] + brief.get("end", "")
        if not flow.set_paragraph([(brief["lead"], "hei", "double"), ("　", "song", ""), (text, "song", "")]):
            raise SystemExit(f"{brief['lead']}: the brief does not fit")
        pieces = [union(boxes) for _slot, boxes in sorted(flow.pieces.items())]
        found.append(
            {
                "kicker": "",
                "headline": brief["lead"],
                "subtitle": "",
                "body": brief["body"],
                "authors": brief.get("authors", []),
                "zones": [sheet.zone(piece) for piece in pieces],
                **expected_date(brief),
            }
        )
    return found


if __name__ == "__main__":
    register_fonts()
    for path in sys.argv[1:]:
        compose(path)
