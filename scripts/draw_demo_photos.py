"""Draw the demo's two photos (fixtures/demo/media): text-free landscapes standing in for the photographers'
pictures, which the demo cannot ship. Run once; the output is committed.

    .venv/bin/python scripts/draw_demo_photos.py
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "fixtures/demo/media"
SIZE = (1200, 800)


def sky(draw, top, bottom):
    for y in range(SIZE[1]):
        share = y / SIZE[1]
        draw.line(
            [(0, y), (SIZE[0], y)],
            fill=tuple(int(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)),
        )


def hills(draw, rng, base, colour, height):
    points, x = [(0, SIZE[1])], 0
    while x <= SIZE[0]:
        points.append((x, base - rng.randint(0, height)))
        x += rng.randint(60, 140)
    points += [(SIZE[0], base - rng.randint(0, height)), (SIZE[0], SIZE[1])]
    draw.polygon(points, fill=colour)


def fields(seed, name, sky_colours, hill_colours, row_colour, ground):
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    sky(draw, *sky_colours)
    for index, colour in enumerate(hill_colours):
        hills(draw, rng, 380 + index * 60, colour, 120 - index * 30)
    draw.rectangle([0, 520, SIZE[0], SIZE[1]], fill=ground)
    for row in range(14):  # furrows running to the horizon
        x = -600 + row * 180
        draw.polygon(
            [(SIZE[0] // 2, 520), (SIZE[0] // 2 + 8, 520), (x + 60, SIZE[1]), (x, SIZE[1])], fill=row_colour
        )
    image.filter(ImageFilter.GaussianBlur(1.2)).save(OUT / name, quality=82)


def school(name):
    """A school's teaching building over its running track, for the education feature."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    sky(draw, (120, 170, 220), (225, 232, 236))
    draw.rectangle([150, 250, 1050, 560], fill=(226, 214, 196))
    draw.rectangle([150, 230, 1050, 262], fill=(176, 70, 58))
    for row in range(3):
        for column in range(9):
            x, y = 190 + column * 96, 290 + row * 86
            draw.rectangle([x, y, x + 56, y + 52], fill=(96, 132, 160))
    draw.rectangle([560, 470, 640, 560], fill=(120, 88, 66))
    draw.rectangle([0, 560, SIZE[0], SIZE[1]], fill=(88, 140, 70))
    for lane in range(5):
        top = 610 + lane * 34
        draw.rectangle([0, top, SIZE[0], top + 26], fill=(178, 82, 62))
    image.filter(ImageFilter.GaussianBlur(1.0)).save(OUT / name, quality=82)


# name: sky (top, horizon), hills (far, near), crop rows, bare ground
FIELDS = {
    "wucheng-potatoes.jpg": (
        ((150, 190, 225), (230, 225, 210)),
        [(120, 135, 110), (95, 120, 80)],
        (88, 128, 60),
        (150, 120, 85),
    ),
    "xishuba-donkey-farm.jpg": (
        ((170, 200, 230), (240, 232, 215)),
        [(140, 130, 110), (120, 110, 90)],
        (175, 150, 105),
        (196, 170, 120),
    ),
}
school("lishi-school.jpg")
for seed, (name, colours) in enumerate(FIELDS.items(), start=1):
    fields(seed, name, *colours)
