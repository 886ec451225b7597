"""The story lifecycle (三审): the one place that decides who may move a story where.

draft/returned → submitted → 初审 first_reviewed → 复审 second_reviewed → 终审 approved → published,
any review step can return the story to its reporter, and a published story can be withdrawn (撤稿) or
corrected (更正). The three review levels must be signed by three different people. Every step is
recorded as a Transition with who, when and an optional comment.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article, Transition

Status = Article.Status
REVIEW_STAGES = (Status.SUBMITTED, Status.FIRST_REVIEWED, Status.SECOND_REVIEWED)


class TransitionNotAllowed(ValidationError):
    """A transition that the story's state or the user's role forbids; the message is for the user."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str | None  # None: the story's own reporter (or a reviewer) may do it
    comment_required: bool = False
    signs_review: bool = False


ACTIONS = {
    action.name: action
    for action in (
        Action("submit", _("Submit"), (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, None),
        Action(
            "first_review",
            _("Pass first review"),
            (Status.SUBMITTED,),
            Status.FIRST_REVIEWED,
            "articles.review_article",
            signs_review=True,
        ),
        Action(
            "second_review",
            _("Pass second review"),
            (Status.FIRST_REVIEWED,),
            Status.SECOND_REVIEWED,
            "articles.review_article",
            signs_review=True,
        ),
        Action(
            "final_review",
            _("Pass final review"),
            (Status.SECOND_REVIEWED,),
            Status.APPROVED,
            "articles.sign_off_article",
            signs_review=True,
        ),
        Action(
            "return",
            _("Return for changes"),
            (*REVIEW_STAGES, Status.APPROVED),
            Status.RETURNED,
            "articles.review_article",
            comment_required=True,
        ),
        Action("publish", _("Publish"), (Status.APPROVED,), Status.PUBLISHED, "articles.publish_article"),
        Action(
            "withdraw",
            _("Withdraw"),
            (Status.PUBLISHED,),
            Status.WITHDRAWN,
            "articles.publish_article",
            comment_required=True,
        ),
        Action(
            "correct",
            _("Publish a correction"),
            (Status.PUBLISHED,),
            Status.PUBLISHED,
            "articles.publish_article",
            comment_required=True,
        ),
    )
}


def is_own_story(article, user):
    """The reporter who created the story, or whose byline it carries."""
    if article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.bylines.filter(author__user=user).exists()


def may_perform(action, article, user):
    if not user.is_active:
        return False
    if action.permission is None:
        return (is_own_story(article, user) and user.has_perm("articles.add_article")) or user.has_perm(
            "articles.review_article"
        )
    return user.has_perm(action.permission)


def review_signers(article):
    """Who signed which review level since the story was last submitted."""
    signers = []
    for step in article.transitions.order_by("-at", "-pk"):
        if step.action == "submit":
            break
        if ACTIONS[step.action].signs_review:
            signers.append(step.actor_id)
    return signers


def check(action, article, user, comment):
    if article.status not in action.sources:
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the story is “%(status)s”.")
            % {"action": action.label, "status": article.get_status_display()},
            code="wrong_status",
        )
    if not may_perform(action, article, user):
        raise TransitionNotAllowed(
            _("You may not “%(action)s” this story.") % {"action": action.label}, code="forbidden"
        )
    if action.comment_required and not comment.strip():
        raise TransitionNotAllowed(
            _("“%(action)s” needs a comment that says why.") % {"action": action.label}, code="comment"
        )
    if action.signs_review and user.pk in review_signers(article):
        raise TransitionNotAllowed(
            _("Three different people sign the three review levels; you have signed one already."),
            code="same_reviewer",
        )
    if action.name == "submit" and not article.bylines.exists():
        raise TransitionNotAllowed(_("Add the byline before submitting the story."), code="no_byline")


def available_actions(article, user):
    """The actions this user may take on the story now, for buttons in the admin."""
    available = []
    for action in ACTIONS.values():
        try:
            check(action, article, user, comment="-")
        except TransitionNotAllowed:
            continue
        available.append(action)
    return available


def perform(article, action_name, user, comment="", publish_at=None):
    """Apply an action to the story, or raise TransitionNotAllowed. Returns the recorded Transition."""
    try:
        action = ACTIONS[action_name]
    except KeyError:
        raise TransitionNotAllowed(_("Unknown action."), code="unknown") from None
    with transaction.atomic():
        # Lock the row and decide on its current state, not on what the caller loaded earlier.
        current = Article.objects.select_for_update().get(pk=article.pk)
        check(action, current, user, comment)
        source = current.status
        current.status = action.target
        fields = ["status", "updated_at"]
        if action.name == "publish":
            current.published_at = publish_at or timezone.now()
            fields.append("published_at")
        if action.name == "correct":
            note = f"{timezone.localtime():%Y-%m-%d} {comment.strip()}"
            current.correction = f"{current.correction}\n{note}".strip()
            fields.append("correction")
        current.save(update_fields=fields)
        step = Transition.objects.create(
            article=current,
            action=action.name,
            source=source,
            target=action.target,
            actor=user,
            comment=comment,
        )
    for field in fields:
        setattr(article, field, getattr(current, field))
    return step


EDITABLE_BY_REPORTER = (Status.DRAFT, Status.RETURNED)
EDITABLE_BY_REVIEWER = (Status.DRAFT, Status.RETURNED, *REVIEW_STAGES, Status.APPROVED)


def is_reviewer(user):
    return user.has_perm("articles.review_article")


def can_edit(article, user):
    """Reporters edit their own stories while drafts or returned; reviewers edit any story until published."""
    if not user.has_perm("articles.change_article"):
        return False
    if is_reviewer(user):
        return article.status in EDITABLE_BY_REVIEWER
    return article.status in EDITABLE_BY_REPORTER and is_own_story(article, user)


def visible_to(queryset, user):
    """Reviewers see every story; a reporter sees only their own."""
    if is_reviewer(user):
        return queryset
    return queryset.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()


def place(article, page, position, user):
    """Put an approved story on a page at a position (editors assembling an issue)."""
    if not is_reviewer(user):
        raise TransitionNotAllowed(_("Only editors place stories on pages."), code="forbidden")
    if article.status not in (Status.APPROVED, Status.PUBLISHED):
        raise TransitionNotAllowed(_("Only approved stories can be placed on a page."), code="not_approved")
    if Article.objects.filter(page=page, position=position).exclude(pk=article.pk).exists():
        raise TransitionNotAllowed(_("That position on the page is taken."), code="position_taken")
    article.page, article.position = page, position
    article.save(update_fields=["page", "position", "updated_at"])


def place_photo(photo, page, position, user):
    """Put a photo on a page at a position among its photos; a story's photo follows its story's status."""
    if not is_reviewer(user):
        raise TransitionNotAllowed(_("Only editors place photos on pages."), code="forbidden")
    if photo.article_id and photo.article.status not in (Status.APPROVED, Status.PUBLISHED):
        raise TransitionNotAllowed(
            _("Only approved stories' photos can be placed on a page."), code="not_approved"
        )
    photo.page, photo.position = page, position
    photo.save(update_fields=["page", "position"])


def publish_issue(issue, user, publish_at=None):
    """Publish an issue and every story on its pages together, in one transaction.

    With publish_at in the future the issue is scheduled: nothing needs to run at that time, because
    readers see a story only once its published_at has passed.
    """
    if not user.has_perm("articles.publish_article"):
        raise TransitionNotAllowed(_("Only the chief editor publishes an issue."), code="forbidden")
    from issues.models import Issue

    publish_at = publish_at or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        stories = list(Article.objects.select_for_update().filter(page__issue=issue))
        if not stories:
            raise TransitionNotAllowed(_("The issue has no stories on its pages."), code="empty")
        waiting = [
            story.headline for story in stories if story.status not in (Status.APPROVED, Status.PUBLISHED)
        ]
        if waiting:
            raise TransitionNotAllowed(
                _("These stories have not passed final review: %(headlines)s")
                % {"headlines": "、".join(waiting)},
                code="not_approved",
            )
        for story in stories:
            if story.status == Status.APPROVED:
                Transition.objects.create(
                    article=story, action="publish", source=story.status, target=Status.PUBLISHED, actor=user
                )
        Article.objects.filter(pk__in=[s.pk for s in stories if s.status == Status.APPROVED]).update(
            status=Status.PUBLISHED, published_at=publish_at, updated_at=timezone.now()
        )
        issue.status = Issue.Status.PUBLISHED
        issue.published_at = publish_at
        issue.save(update_fields=["status", "published_at"])
    return issue


def waiting_for(user):
    """Stories waiting for this user, by stage: [(label, stories)], for the dashboard."""
    stages = []
    if user.has_perm("articles.review_article"):
        stages += [
            (Status.SUBMITTED, Status.SUBMITTED.label),
            (Status.FIRST_REVIEWED, Status.FIRST_REVIEWED.label),
        ]
    if user.has_perm("articles.sign_off_article"):
        stages.append((Status.SECOND_REVIEWED, Status.SECOND_REVIEWED.label))
    if is_reviewer(user):
        stages.append((Status.APPROVED, _("approved, not yet on a page")))
    stages += [(Status.RETURNED, Status.RETURNED.label), (Status.DRAFT, Status.DRAFT.label)]
    waiting = []
    for status, label in stages:
        stories = Article.objects.filter(status=status).order_by("updated_at")
        if status == Status.APPROVED:
            stories = stories.filter(page=None)
        if status in EDITABLE_BY_REPORTER:
            stories = stories.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()
        waiting.append((label, list(stories[:20])))
    return waiting
