"""The assembly board (版面规划): stories and photos moved between an issue's pages and the pool of
stories ready to place. Every move goes through the placing rules, keeps each page's printed order
1, 2, 3…, takes a story's photos along, is recorded, can be undone, and is refused when it was made on
an older view of the board than the one the server has (two editors on one board)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Photo
from issues.models import BoardMove, Issue

from .access import MOVE, Status, TransitionNotAllowed, is_reviewer
from .assembly import check_may_change_issue, placeable_statuses
from .steps import record_step
from .zones import release_zones


class StaleBoard(TransitionNotAllowed):
    """The board changed since the editor's view of it; the message says so, the view shows it anew."""


def move(issue, item, page, position, version, user):
    """Move a story or photo to `position` (from 1) on `page` of the issue, or to the pool (page None).
    `version` is the board version the editor saw. Returns the recorded BoardMove."""
    with transaction.atomic():
        issue = _locked(issue, version)
        check_move(issue, item, page, user)
        found = _move(issue, item, page, position, user)
        _advance(issue)
    return found


def undo(issue, version, user):
    """Undo this user's last move on the board that is not undone yet: it goes back where it was, under
    the same rules as any move."""
    with transaction.atomic():
        issue = _locked(issue, version)
        last = BoardMove.objects.filter(issue=issue, user=user, undone=False).first()
        if last is None:
            raise TransitionNotAllowed(_("You have no move on this board to undo."), code="nothing_to_undo")
        model, pk = (Article, last.article_id) if last.article_id else (Photo, last.photo_id)
        item = model.objects.get(pk=pk)
        check_move(issue, item, last.from_page, user)
        _move(issue, item, last.from_page, last.from_position or 1, user, record=False)
        last.undone = True
        last.save(update_fields=["undone"])
        _advance(issue)
    return last


def _locked(issue, version):
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if str(version) != str(issue.board_version):
        raise StaleBoard(
            _(
                "Someone else changed the board while you were looking at it; it is shown as it is now. "
                "Make your move again."
            ),
            code="stale",
        )
    return issue


def _advance(issue):
    issue.board_version += 1
    issue.save(update_fields=["board_version"])


def check_move(issue, item, page, user):
    """Raise TransitionNotAllowed unless this user may move this story or photo there."""
    if not is_reviewer(user):
        raise TransitionNotAllowed(_("Only editors assemble an issue."), code="forbidden")
    check_may_change_issue(issue, user)
    if page is not None and page.issue_id != issue.pk:
        raise TransitionNotAllowed(_("That page is not in this issue."), code="other_issue")
    current = item.page
    if current is not None and current.issue_id != issue.pk:
        raise TransitionNotAllowed(_("That is on another issue's page."), code="other_issue")
    story = item if isinstance(item, Article) else item.article
    placing = story is not None and current is None and page is not None
    if placing and story.status not in placeable_statuses(issue, user):
        raise TransitionNotAllowed(
            _("Only stories past final review can be placed: “%(headline)s” is %(status)s.")
            % {"headline": story.headline, "status": story.get_status_display()},
            code="not_approved",
        )


def _move(issue, item, page, position, user, record=True):
    old_page, old_position = item.page, item.position
    if isinstance(item, Article):
        _place_in_order(Article, item, old_page, page, position)
        # A story's photos go with it, from the pool as from a page, unless the editor placed them apart.
        for photo in Photo.objects.filter(article=item, page=old_page):
            _place_in_order(Photo, photo, old_page, page, None)
        if item.status == Status.PUBLISHED:
            moved = _("Moved from %(old)s to %(new)s.") % {"old": old_page or "—", "new": page or "—"}
            record_step(item, MOVE, user, item.status, comment=moved)
    else:
        _place_in_order(Photo, item, old_page, page, position)
    release_zones(item, page)
    if not record:
        return None
    return BoardMove.objects.create(
        issue=issue,
        user=user,
        **({"article": item} if isinstance(item, Article) else {"photo": item}),
        from_page=old_page,
        from_position=old_position,
        to_page=page,
        to_position=item.position,
    )


def _place_in_order(model, item, old_page, page, position):
    """Take the item out of its page's order and put it at `position` of the new page's (the end when
    None), numbering both pages' items 1, 2, 3… again."""
    pages = {old_page, page} - {None}
    rest = model.objects.exclude(pk=item.pk).order_by("position", "pk")
    orders = {placed_page.pk: list(rest.filter(page=placed_page)) for placed_page in pages}
    if page is not None:
        siblings = orders[page.pk]
        index = len(siblings) if position is None else max(0, min(position - 1, len(siblings)))
        siblings.insert(index, item)
    numbered = [(entry, number) for order in orders.values() for number, entry in enumerate(order, 1)]
    if model is Article:  # positions are unique on a page: clear the way first
        cleared = [item.pk, *(entry.pk for entry, _number in numbered)]
        model.objects.filter(pk__in=cleared).update(position=None, page=None)
    for entry, number in numbered:
        entry.position = number
    item.page = page
    if page is None:
        item.position = None
    others = [entry for entry, _number in numbered if entry.pk != item.pk]
    if others:
        model.objects.bulk_update(others, ["page", "position"])
    # The moved item is saved, not updated: readers' caches and listing dates follow its save.
    fields = ["page", "position", "updated_at"] if model is Article else ["page", "position"]
    item.save(update_fields=fields)
