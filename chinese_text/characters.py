"""Characters that have no place in printed text, and the forms search should treat as one.

C0 control characters (but newline, carriage return and tab) break XML, and so every feed; invisible
format characters (right-to-left overrides, zero-width spaces and joiners, the BOM) hide or reorder text
without showing. Fullwidth digits and Latin letters (２０２１, ＣＰＵ) mean the same as their ASCII forms.
"""

import unicodedata

ALLOWED_CONTROLS = frozenset("\n\r\t")


def unwanted(character):
    if character in ALLOWED_CONTROLS:
        return False
    category = unicodedata.category(character)
    return category == "Cc" or category == "Cf"


def unwanted_characters(text):
    """The unwanted characters of text, each once, in the order they first appear."""
    if text.isprintable():  # no control or format character: str's own test, over the text at C speed
        return []
    return list(dict.fromkeys(character for character in text if unwanted(character)))


def without_unwanted(text):
    if text.isprintable():
        return text
    return "".join(character for character in text if not unwanted(character))


def describe(character):
    """U+0008 BACKSPACE: how a form names a character nobody can see."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'CONTROL')}"


def fold_width(text):
    """Fullwidth ASCII (digits, Latin letters, and ，（）…, which are fullwidth ASCII too) and the
    ideographic space as ASCII: for search and slugs, never for the printed text."""
    return text.translate(FULLWIDTH_TO_ASCII)


FULLWIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
