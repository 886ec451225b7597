"""Snippets of a story with the searched words marked, as (text, matched) parts a template can loop over."""

import re


def marked(text, terms):
    """Split text into [(part, is_match)], marking every occurrence of the terms (longest first)."""
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    if not terms:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts, start = [], 0
    for match in pattern.finditer(text):
        if match.start() > start:
            parts.append((text[start : match.start()], False))
        if parts and parts[-1][1] and match.start() == start:
            parts[-1] = (parts[-1][0] + match.group(), True)  # 健步 + 走: one mark
        else:
            parts.append((match.group(), True))
        start = match.end()
    if start < len(text):
        parts.append((text[start:], False))
    return parts


def snippet(text, terms, width=80):
    """About width characters of text around the first matched term, marked; the start if none match."""
    text = " ".join(text.split())
    lowered = text.lower()
    found = [lowered.find(term.lower()) for term in terms if term and term.lower() in lowered]
    first = min(found, default=0)
    start = max(0, min(first - width // 4, len(text) - width))
    window = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return marked(prefix + window + suffix, terms)
