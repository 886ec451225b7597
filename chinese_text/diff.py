"""Character-level differences between two versions of a text: Chinese has no spaces to split words on.

difflib's matcher takes time that grows with the product of the two lengths, so the work is bounded: the
texts are first compared paragraph by paragraph, then characters only within each changed run of
paragraphs, and a run too long for that (or texts with too many paragraphs) is shown as replaced whole.
"""

from difflib import SequenceMatcher

# Largest product of the two lengths compared at once: two paragraphs of 2,000 characters.
MAX_COMPARED = 4_000_000


def character_diff(old, new):
    """[(operation, text)], operation being "equal", "delete" (only in old) or "insert" (only in new)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(old_lines) * len(new_lines) > MAX_COMPARED:
        return _merged(_replaced(old, new))
    segments = []
    for tag, old_start, old_end, new_start, new_end in _opcodes(old_lines, new_lines):
        old_run, new_run = "".join(old_lines[old_start:old_end]), "".join(new_lines[new_start:new_end])
        if tag == "equal":
            segments.append(("equal", old_run))
        elif len(old_run) * len(new_run) <= MAX_COMPARED:
            segments += _characters(old_run, new_run)
        else:
            segments += _replaced(old_run, new_run)
    return _merged(segments)


def _opcodes(old, new):
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _characters(old, new):
    segments = []
    for tag, old_start, old_end, new_start, new_end in _opcodes(old, new):
        if tag == "equal":
            segments.append(("equal", old[old_start:old_end]))
            continue
        segments += _replaced(old[old_start:old_end], new[new_start:new_end])
    return segments


def _replaced(old, new):
    return [segment for segment in (("delete", old), ("insert", new)) if segment[1]]


def _merged(segments):
    merged = []
    for operation, text in segments:
        if merged and merged[-1][0] == operation:
            merged[-1] = (operation, merged[-1][1] + text)
        else:
            merged.append((operation, text))
    return merged
