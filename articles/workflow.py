"""The story lifecycle (三审): the one place that decides who may move a story where.

draft/returned → submitted → 初审 first_reviewed → 复审 second_reviewed → 终审 approved → published,
any review step can return the story to its reporter, and a published story can be withdrawn (撤稿) or
corrected (更正). The three review levels must be signed by three different people. Every step is
recorded as a Transition with who, when and an optional comment.
"""

from dataclasses import dataclass
from itertools import combinations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chinese_text.characters import without_unwanted
from issues.models import Issue

from .models import Article, Transition
from .people import display_name

Status = Article.Status
REVIEW_STAGES = (Status.SUBMITTED, Status.FIRST_REVIEWED, Status.SECOND_REVIEWED)
# Stages that carry at least one review signature given to the text as it stands.
SIGNED_STAGES = (Status.FIRST_REVIEWED, Status.SECOND_REVIEWED, Status.APPROVED)
# What the paper prints of a story; bylines and photos count too (see printed_content_changed).
PRINTED_FIELDS = ("kicker", "headline", "subtitle", "source", "body")
Step = Transition.Step
# Steps recorded outside ACTIONS: signatures voided by an edit, and a published story moved by the chief.
REOPEN, MOVE = Step.REOPEN, Step.MOVE


# The permissions the rules below ask for (the roles that hold them: articles/roles.py).
ADD_STORY = "articles.add_article"
VIEW_STORY = "articles.view_article"
CHANGE_STORY = "articles.change_article"
REVIEW = "articles.review_article"
SIGN_OFF = "articles.sign_off_article"
PUBLISH = "articles.publish_article"
VIEW_PHOTO = "articles.view_photo"
CHANGE_PHOTO = "articles.change_photo"
ADD_COMMENT = "articles.add_comment"
VIEW_PAGE = "issues.view_page"
ADD_PAGE = "issues.add_page"


class TransitionNotAllowed(ValidationError):
    """A transition that the story's state or the user's role forbids; the message is for the user."""


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


def is_own_story(article, user):
    """The reporter who created the story, or whose byline it carries."""
    if article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.bylines.filter(author__user=user).exists()


def may_perform(action, article, user):
    if not user.is_active:
        return False
    if action.permission is None:
        return (is_own_story(article, user) and user.has_perm(ADD_STORY)) or user.has_perm(REVIEW)
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


def _record(article, step, user, source, target=None, comment=""):
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
        step = _record(current, action.step, user, source, comment=comment)
    for field in fields:
        setattr(article, field, getattr(current, field))
    return step


EDITABLE_BY_REPORTER = (Status.DRAFT, Status.RETURNED)
EDITABLE_BY_REVIEWER = (Status.DRAFT, Status.RETURNED, *REVIEW_STAGES, Status.APPROVED)


def is_reviewer(user):
    return user.has_perm(REVIEW)


def can_edit(article, user):
    """Reporters edit their own stories while drafts or returned; reviewers edit any story until published."""
    if not user.has_perm(CHANGE_STORY):
        return False
    if is_reviewer(user):
        return article.status in EDITABLE_BY_REVIEWER
    return article.status in EDITABLE_BY_REPORTER and is_own_story(article, user)


def own_stories(queryset, user):
    return queryset.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()


def visible_to(queryset, user):
    """Reviewers see every story; a reporter sees only their own."""
    if is_reviewer(user):
        return queryset
    return own_stories(queryset, user)


def editable_by(user):
    """The stories this user may change now (and so attach photos to)."""
    stories = visible_to(Article.objects.all(), user)
    return stories.filter(status__in=EDITABLE_BY_REVIEWER if is_reviewer(user) else EDITABLE_BY_REPORTER)


# Photos follow their story: seen and changed by whoever may see and change the story. A stand-alone page
# photo belongs to the editors, and once its issue is out, to the chief editor.


def of_visible_stories(queryset, user):
    """Rows that belong to a story (photos, steps) of the stories this user may see."""
    if is_reviewer(user):
        return queryset
    return queryset.filter(article__in=own_stories(Article.objects.all(), user))


def photos_visible_to(queryset, user):
    if not (user.is_active and user.is_staff and user.has_perm(VIEW_PHOTO)):
        return queryset.none()
    return of_visible_stories(queryset, user)


def can_edit_photo(photo, user):
    if not user.has_perm(CHANGE_PHOTO):
        return False
    if photo.article_id is not None:
        return can_edit(photo.article, user)
    if not is_reviewer(user):
        return False
    return photo.page_id is None or not is_out(photo.page.issue) or may_change_published(user)


def printed_content_changed(article, user, what):
    """An edit of the printed content (what: the names of the changed parts) voids the review signatures
    given to the old text: a signed story goes back to first review, recorded with the reason."""
    if article.status not in SIGNED_STAGES:
        return None
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.status not in SIGNED_STAGES:
            return None
        step = _record(
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


def may_change_published(user):
    return user.has_perm(PUBLISH)


# Publishing an issue puts it before readers: the same person's call.
can_publish_issue = may_change_published


def can_preview(user):
    """Staff who may see stories before readers do (the preview page)."""
    return user.is_active and user.is_staff and user.has_perm(VIEW_STORY)


def is_out(issue):
    """Published or scheduled: its number, date and pages are promised to readers."""
    return issue is not None and issue.status == issue.Status.PUBLISHED


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


def placeable(page, user):
    """The stories not on a page that this user may place on this one (see place): approved ones; and
    for the chief on a published issue's page, published ones too (a story first published online)."""
    statuses = PLACEABLE if may_change_published(user) and is_out(page.issue) else (Status.APPROVED,)
    return Article.objects.filter(status__in=statuses, page=None)


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
            _record(article, MOVE, user, article.status, comment=moved)
        article.page, article.position = page, position
        article.save(update_fields=["page", "position", "updated_at"])


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
    photo.page, photo.position = page, position
    photo.save(update_fields=["page", "position"])


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
            _record(story, Step.PUBLISH, user, story.status)
        Article.objects.filter(pk__in=[story.pk for story in approved]).update(
            status=Status.PUBLISHED, published_at=publish_at, updated_at=timezone.now()
        )
        issue.status = Issue.Status.PUBLISHED
        issue.published_at = publish_at
        issue.save(update_fields=["status", "published_at"])
    return issue


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
