"""字数, the character count a Chinese newsroom sizes stories by."""


def character_count(text):
    """Every character that is printed: CJK characters, punctuation, digits and letters, not whitespace."""
    return sum(1 for character in text if not character.isspace())


def paragraphs(text):
    """The non-empty lines of a plain-text body, stripped: the body's paragraphs."""
    return [line.strip() for line in text.splitlines() if line.strip()]
