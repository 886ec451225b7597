"""The story lifecycle (三审) and every editorial rule: the one place that decides who may do what.

draft/returned → submitted → 初审 first_reviewed → 复审 second_reviewed → 终审 approved → published,
any review step can return the story to its reporter, and a published story can be withdrawn (撤稿) or
corrected (更正). The three review levels must be signed by three different people. Every step is
recorded as a Transition with who, when and an optional comment.

The rules are in four parts — access (who sees and changes what), steps (review and its record),
assembly (pages and publishing an issue) and queues (the dashboard) — and are asked for here, as
workflow.<rule>.
"""

from .access import (
    MOVE,
    PRINTED_FIELDS,
    REOPEN,
    TransitionNotAllowed,
    can_comment,
    can_edit,
    can_edit_photo,
    can_import_pages,
    can_preview,
    can_publish_issue,
    can_see_unpublished_pages,
    can_write_stories,
    editable_by,
    is_out,
    is_reviewer,
    may_change_published,
    of_visible_stories,
    photos_visible_to,
    visible_to,
)
from .assembly import check_may_change_issue, place, place_photo, placeable, publish_issue
from .board import StaleBoard, move, undo
from .desk import board_pages, checklist, in_review, loose_pool_photos, pool, publication_time
from .queues import my_stories, waiting_for
from .steps import (
    ACTIONS,
    available_actions,
    may_sign,
    next_step,
    perform,
    printed_content_changed,
    review_signers,
)
from .zones import can_edit_zones, save_zones, zone_items, zones_as_data, zones_version

__all__ = [
    "ACTIONS",
    "MOVE",
    "PRINTED_FIELDS",
    "REOPEN",
    "StaleBoard",
    "TransitionNotAllowed",
    "available_actions",
    "board_pages",
    "can_comment",
    "can_edit",
    "can_edit_photo",
    "can_edit_zones",
    "can_import_pages",
    "can_preview",
    "can_publish_issue",
    "can_see_unpublished_pages",
    "can_write_stories",
    "check_may_change_issue",
    "checklist",
    "editable_by",
    "in_review",
    "is_out",
    "is_reviewer",
    "loose_pool_photos",
    "may_change_published",
    "may_sign",
    "move",
    "my_stories",
    "next_step",
    "of_visible_stories",
    "perform",
    "photos_visible_to",
    "place",
    "place_photo",
    "placeable",
    "pool",
    "printed_content_changed",
    "publication_time",
    "publish_issue",
    "review_signers",
    "save_zones",
    "undo",
    "visible_to",
    "waiting_for",
    "zone_items",
    "zones_as_data",
    "zones_version",
]
