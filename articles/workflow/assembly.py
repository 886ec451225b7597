"""Assembling an issue: placing stories and photos on its pages, and publishing it whole."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from issues.models import Issue

from .access import (
    MOVE,
    Status,
    Step,
    TransitionNotAllowed,
    can_publish_issue,
    is_out,
    is_reviewer,
    may_change_published,
)
from .steps import record_step
from .zones import release_zones


def check_may_change_issue(issue, user):
    if is_out(issue) and not may_change_published(user):
        raise TransitionNotAllowed(
            _("%(issue)s is published; only the chief editor changes it.") % {"issue": issue},
            code="published_issue",
        )


# What may go on a page: a story past final review, or (moved by the chief) one already published.
PLACEABLE = (Status.APPROVED, Status.PUBLISHED)


def awaiting_page():
    """Approved stories on no page yet: what editors assemble issues from."""
    return Article.objects.filter(status=Status.APPROVED, page=None)


def placeable_statuses(issue, user):
    """What this user may place from no page onto a page of this issue: approved stories; and for the
    chief on a published issue, published ones too (a story first published online)."""
    return PLACEABLE if may_change_published(user) and is_out(issue) else (Status.APPROVED,)


def placeable(page, user):
    """The stories not on a page that this user may place on this one (see place)."""
    return Article.objects.filter(status__in=placeable_statuses(page.issue, user), page=None)


def place(article, page, position, user):
    """Put an approved story on a page at a position (editors assembling an issue). Moving a published
    story is the chief editor's, only onto a page of a published issue, and is recorded."""
    if not is_reviewer(user):
        raise TransitionNotAllowed(_("Only editors place stories on pages."), code="forbidden")
    if article.status not in PLACEABLE:
        raise TransitionNotAllowed(_("Only approved stories can be placed on a page."), code="not_approved")
    if article.status == Status.PUBLISHED:
        if not may_change_published(user):
            raise TransitionNotAllowed(
                _("The story is published; only the chief editor moves it."), code="published_story"
            )
        if not is_out(page.issue):
            raise TransitionNotAllowed(
                _("A published story moves only onto a page of a published issue."), code="unpublished_page"
            )
    if Article.objects.filter(page=page, position=position).exclude(pk=article.pk).exists():
        raise TransitionNotAllowed(_("That position on the page is taken."), code="position_taken")
    with transaction.atomic():
        if article.status == Status.PUBLISHED:
            moved = _("Moved from %(old)s to %(new)s.") % {"old": article.page or "—", "new": page}
            record_step(article, MOVE, user, article.status, comment=moved)
        article.page, article.position = page, position
        article.save(update_fields=["page", "position", "updated_at"])
        release_zones(article, page)


def place_photo(photo, page, position, user):
    """Put a photo on a page at a position among its photos; a story's photo follows its story's status.
    Photos reach a page only this way: the editors' job, and on a published issue the chief's."""
    if not is_reviewer(user):
        raise TransitionNotAllowed(_("Only editors place photos on pages."), code="forbidden")
    if photo.article_id and photo.article.status not in PLACEABLE:
        raise TransitionNotAllowed(
            _("Only approved stories' photos can be placed on a page."), code="not_approved"
        )
    check_may_change_issue(page.issue, user)
    if photo.page_id is not None:
        check_may_change_issue(photo.page.issue, user)
    with transaction.atomic():
        photo.page, photo.position = page, position
        photo.save(update_fields=["page", "position"])
        release_zones(photo, page)


def publish_issue(issue, user, publish_at=None):
    """Publish an issue and every story on its pages together, in one transaction.

    With publish_at in the future the issue is scheduled: nothing needs to run at that time, because
    readers see a story only once its published_at has passed.
    """
    if not can_publish_issue(user):
        raise TransitionNotAllowed(_("Only the chief editor publishes an issue."), code="forbidden")

    publish_at = publish_at or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        stories = list(Article.objects.select_for_update().filter(page__issue=issue))
        if not stories:
            raise TransitionNotAllowed(_("The issue has no stories on its pages."), code="empty")
        waiting = [story.headline for story in stories if story.status not in PLACEABLE]
        if waiting:
            raise TransitionNotAllowed(
                _("These stories have not passed final review: %(headlines)s")
                % {"headlines": "、".join(waiting)},
                code="not_approved",
            )
        approved = [story for story in stories if story.status == Status.APPROVED]
        for story in approved:
            record_step(story, Step.PUBLISH, user, story.status)
        Article.objects.filter(pk__in=[story.pk for story in approved]).update(
            status=Status.PUBLISHED, published_at=publish_at, updated_at=timezone.now()
        )
        issue.status = Issue.Status.PUBLISHED
        issue.published_at = publish_at
        issue.save(update_fields=["status", "published_at"])
    return issue
