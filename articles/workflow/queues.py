"""The dashboard's queues: what waits for each person (待我处理), and their own stories (我的稿件)."""

from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .access import (
    EDITABLE_BY_REPORTER,
    REVIEW_STAGES,
    Status,
    TransitionNotAllowed,
    is_reviewer,
    own_stories,
)
from .assembly import awaiting_page
from .steps import SIGNING_LEVELS, check

QUEUE_LENGTH = 20


def waiting_for(user):
    """待我处理: the stories this user can sign the next review level of, by stage, then the approved ones
    not yet on a page (for editors) and the user's own drafts and returned stories: [(label, stories)]."""
    waiting, holders = [], {}
    for action in SIGNING_LEVELS:
        if not user.has_perm(action.permission):
            continue
        candidates = Article.objects.filter(status__in=action.sources).order_by("updated_at")
        mine = []
        for story in candidates.iterator(chunk_size=100):
            try:
                check(action, story, user, comment="-", holders=holders)
            except TransitionNotAllowed:
                continue
            mine.append(story)
            if len(mine) == QUEUE_LENGTH:
                break
        waiting.append((Status(action.sources[0]).label, mine))
    if is_reviewer(user):
        waiting.append(
            (_("approved, not yet on a page"), list(awaiting_page().order_by("updated_at")[:QUEUE_LENGTH]))
        )
    for status in EDITABLE_BY_REPORTER[::-1]:
        stories = own_stories(Article.objects.filter(status=status), user).order_by("updated_at")
        waiting.append((status.label, list(stories[:QUEUE_LENGTH])))
    return waiting


MY_STORY_STATES = [
    (Status.DRAFT.label, (Status.DRAFT,)),
    (Status.RETURNED.label, (Status.RETURNED,)),
    (_("in review"), REVIEW_STAGES),
    (Status.APPROVED.label, (Status.APPROVED,)),
    (Status.PUBLISHED.label, (Status.PUBLISHED,)),
]


def my_stories(user):
    """我的稿件: the user's own stories by state, newest first: [(label, count, stories)], or [] for
    someone who has filed none."""
    mine = own_stories(Article.objects.all(), user)
    rows = []
    for label, statuses in MY_STORY_STATES:
        stories = mine.filter(status__in=statuses).order_by("-updated_at")
        rows.append((label, stories.count(), list(stories[:10])))
    return rows if any(count for _label, count, _stories in rows) else []
