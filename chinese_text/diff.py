"""Character-level differences between two versions of a text: Chinese has no spaces to split words on."""

from difflib import SequenceMatcher


def character_diff(old, new):
    """[(operation, text)], operation being "equal", "delete" (only in old) or "insert" (only in new)."""
    segments = []
    for tag, old_start, old_end, new_start, new_end in SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            segments.append(("equal", old[old_start:old_end]))
            continue
        if old_end > old_start:
            segments.append(("delete", old[old_start:old_end]))
        if new_end > new_start:
            segments.append(("insert", new[new_start:new_end]))
    return segments
