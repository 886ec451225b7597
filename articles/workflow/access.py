"""Who may see and change what: the permissions the rules ask for, the stories and photos each person
sees and edits, and what readers already see belonging to the chief editor."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from articles.models import Article, Transition

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


def is_own_story(article, user):
    """The reporter who created the story, or whose byline it carries."""
    if article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.bylines.filter(author__user=user).exists()


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


def is_out(issue):
    """Published or scheduled: its number, date and pages are promised to readers."""
    return issue is not None and issue.status == issue.Status.PUBLISHED


def may_change_published(user):
    return user.has_perm(PUBLISH)


# Publishing an issue puts it before readers: the same person's call.
can_publish_issue = may_change_published


def can_preview(user):
    """Staff who may see stories before readers do (the preview page)."""
    return user.is_active and user.is_staff and user.has_perm(VIEW_STORY)


def can_see_unpublished_pages(user):
    """Staff who may see a page's scan before its issue is out."""
    return user.is_active and user.is_staff and user.has_perm(VIEW_PAGE)


def can_comment(user):
    return user.has_perm(ADD_COMMENT)


def can_write_stories(user):
    """Staff who file stories of their own (reporters, editors, the chief; not a 管理员)."""
    return user.has_perm(ADD_STORY)


def can_import_pages(user):
    """The archive importer makes a page and its stories."""
    return user.has_perm(ADD_PAGE) and can_write_stories(user)
