"""The bytes of an extracted page → its text: the encoding, and limits that refuse what no page holds."""

import codecs

from ..characters import without_unwanted

MAX_LINE = 2000


class UnreadablePage(ValueError):
    """The bytes are not a page's text. `code` says why (empty, binary, encoding, not_chinese, long_line),
    for the caller to word the message in the reader's language."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def decode_page(data):
    """The text of an extracted page from its bytes: UTF-16 with its BOM (Windows Notepad's "Unicode"),
    UTF-8 with or without BOM, else GB18030 (which GBK is part of)."""
    if not data.strip():
        raise UnreadablePage("empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadablePage("encoding") from None
    elif b"\x00" in data:
        raise UnreadablePage("binary")
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UnreadablePage("encoding")
    if not text.strip():
        raise UnreadablePage("empty")
    visible = [character for character in text if not character.isspace()]
    if sum("\u3400" <= character <= "\u9fff" for character in visible) < len(visible) / 3:
        raise UnreadablePage("not_chinese")
    if any(len(line) > MAX_LINE for line in text.splitlines()):
        raise UnreadablePage("long_line")
    # A form feed separates extracted pages; other control and invisible characters are dropped.
    return without_unwanted(text.replace("\x0c", "\n"))
