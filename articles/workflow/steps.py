"""The steps of a story's review: who may take which, the three signatures by three people, and the
record each step leaves."""

from dataclasses import dataclass
from itertools import combinations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Transition
from articles.people import display_name
from chinese_text.characters import without_unwanted

from .access import (
    EDITABLE_BY_REPORTER,
    PUBLISH,
    REOPEN,
    REVIEW,
    REVIEW_STAGES,
    SIGN_OFF,
    SIGNED_STAGES,
    Status,
    Step,
    TransitionNotAllowed,
    can_write_stories,
    is_own_story,
)


@dataclass(frozen=True)
class Action:
    step: Step
    sources: tuple
    target: str
    permission: str | None  # None: the story's own reporter (or a reviewer) may do it
    comment_required: bool = False
    signs_review: bool = False

    @property
    def name(self):
        return self.step.value

    @property
    def label(self):
        return self.step.label


ACTIONS = {
    action.name: action
    for action in (
        Action(Step.SUBMIT, (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, None),
        Action(
            Step.FIRST_REVIEW,
            (Status.SUBMITTED,),
            Status.FIRST_REVIEWED,
            REVIEW,
            signs_review=True,
        ),
        Action(
            Step.SECOND_REVIEW,
            (Status.FIRST_REVIEWED,),
            Status.SECOND_REVIEWED,
            REVIEW,
            signs_review=True,
        ),
        Action(
            Step.FINAL_REVIEW,
            (Status.SECOND_REVIEWED,),
            Status.APPROVED,
            SIGN_OFF,
            signs_review=True,
        ),
        Action(
            Step.RETURN,
            (*REVIEW_STAGES, Status.APPROVED),
            Status.RETURNED,
            REVIEW,
            comment_required=True,
        ),
        Action(Step.PUBLISH, (Status.APPROVED,), Status.PUBLISHED, PUBLISH),
        Action(
            Step.WITHDRAW,
            (Status.PUBLISHED,),
            Status.WITHDRAWN,
            PUBLISH,
            comment_required=True,
        ),
        Action(
            Step.CORRECT,
            (Status.PUBLISHED,),
            Status.PUBLISHED,
            PUBLISH,
            comment_required=True,
        ),
    )
}


def may_perform(action, article, user):
    if not user.is_active:
        return False
    if action.permission is None:
        return (is_own_story(article, user) and can_write_stories(user)) or user.has_perm(REVIEW)
    return user.has_perm(action.permission)


SIGNING_LEVELS = [action for action in ACTIONS.values() if action.signs_review]


def review_signers(article):
    """Who signed the review levels of this round: since the story was last submitted or its signatures
    were voided by an edit."""
    signers = []
    # In the order the database recorded them: app servers' clocks may disagree by seconds.
    for step in article.transitions.order_by("-pk"):
        if step.action in ("submit", REOPEN):
            break
        if step.action in ACTIONS and ACTIONS[step.action].signs_review:
            signers.append(step.actor_id)
    return signers


def may_sign(permission, holders=None):
    """The ids of the active accounts holding a review permission. `holders`, a dict, keeps the answers
    for a caller that asks about many stories at once."""
    if holders is not None and permission in holders:
        return holders[permission]
    users = get_user_model().objects.with_perm(
        permission, backend="django.contrib.auth.backends.ModelBackend"
    )
    found = set(users.values_list("pk", flat=True))
    if holders is not None:
        holders[permission] = found
    return found


def later_levels(action):
    return SIGNING_LEVELS[SIGNING_LEVELS.index(action) + 1 :]


def unfillable_level(levels, taken, holders=None):
    """The first of these signing levels that no distinct person left can sign, or None.

    Each level needs its own signer (Hall's condition over every group of levels); there are at most three.
    """
    pools = [may_sign(level.permission, holders) - taken for level in levels]
    for size in range(1, len(levels) + 1):
        for group in combinations(range(len(levels)), size):
            if len(set().union(*(pools[index] for index in group))) < size:
                return levels[group[-1]]
    return None


def check(action, article, user, comment, check_byline=True, holders=None):
    """Raise TransitionNotAllowed unless user may take action on the story as it is stored now.

    check_byline=False leaves out the byline rule, for a form whose bylines are not saved yet."""
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
    if action.signs_review:
        signers = set(review_signers(article))
        if user.pk in signers:
            raise TransitionNotAllowed(
                _("Three different people sign the three review levels; you have signed one already."),
                code="same_reviewer",
            )
        blocked = unfillable_level(later_levels(action), signers | {user.pk}, holders)
        if blocked is not None:
            raise TransitionNotAllowed(
                _(
                    "If you sign “%(action)s”, nobody is left who may sign “%(level)s”: the three levels "
                    "need three different people. Leave this step to a colleague."
                )
                % {"action": action.label, "level": blocked.label},
                code="no_signer_left",
            )
    if check_byline and action.name == "submit" and not article.bylines.exists():
        raise TransitionNotAllowed(_("Add the byline before submitting the story."), code="no_byline")


def available_actions(article, user):
    """The actions this user may take on the story now, for buttons in the admin."""
    available = []
    for action in ACTIONS.values():
        try:
            check(action, article, user, comment="-", check_byline=False)
        except TransitionNotAllowed:
            continue
        available.append(action)
    return available


def next_step(article):
    """What the story waits for and who may do it: (label, [names]) for the story page, or None."""
    signers, holders = set(review_signers(article)), {}
    for action in SIGNING_LEVELS:
        if article.status in action.sources:
            eligible = [
                pk
                for pk in may_sign(action.permission, holders) - signers
                if unfillable_level(later_levels(action), signers | {pk}, holders) is None
            ]
            people = get_user_model().objects.filter(pk__in=eligible)
            return action.label, sorted(display_name(person) for person in people)
    if article.status == Status.APPROVED:
        people = get_user_model().objects.filter(pk__in=may_sign(ACTIONS["publish"].permission))
        return ACTIONS["publish"].label, sorted(display_name(person) for person in people)
    if article.status in EDITABLE_BY_REPORTER:
        bylines = article.bylines.select_related("author__user")
        return ACTIONS["submit"].label, sorted(
            {display_name(byline.author.user) for byline in bylines if byline.author.user}
        )
    return None


def action_named(action_name):
    try:
        return ACTIONS[action_name]
    except KeyError:
        raise TransitionNotAllowed(_("Unknown action."), code="unknown") from None


def record_step(article, step, user, source, target=None, comment=""):
    """Write one step of the story's record; the target is the step's own (an action's) unless given."""
    if target is None:
        target = ACTIONS[step].target if step in ACTIONS else source
    return Transition.objects.create(
        article=article, action=step, source=source, target=target, actor=user, comment=comment
    )


def perform(article, action_name, user, comment="", publish_at=None):
    """Apply an action to the story, or raise TransitionNotAllowed. Returns the recorded Transition."""
    action = action_named(action_name)
    comment = without_unwanted(comment)
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
        step = record_step(current, action.step, user, source, comment=comment)
    for field in fields:
        setattr(article, field, getattr(current, field))
    return step


def printed_content_changed(article, user, what):
    """An edit of the printed content (what: the names of the changed parts) voids the review signatures
    given to the old text: a signed story goes back to first review, recorded with the reason."""
    if article.status not in SIGNED_STAGES:
        return None
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.status not in SIGNED_STAGES:
            return None
        step = record_step(
            current,
            REOPEN,
            user,
            current.status,
            target=Status.SUBMITTED,
            comment=_(
                "%(who)s changed the printed content (%(what)s) after review; the signatures given to the "
                "old text are void, and the story goes through review again."
            )
            % {"who": display_name(user), "what": "、".join(str(part) for part in what)},
        )
        current.status = Status.SUBMITTED
        current.save(update_fields=["status", "updated_at"])
    article.status = current.status
    return step


# What readers already see (a published story, an issue that is out) changes only by the chief editor.
