"""The newsroom's people: how staff appear to each other (by real name, never by login name), and who
may manage whose account (人员管理) without a superuser."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Author
from .roles import CHIEF_EDITOR, NEWSROOM_ROLES


def display_name(user):
    """The account's real name (姓名, kept as its full name), else its login name."""
    if user is None:
        return "—"
    return user.get_full_name().strip() or user.get_username()


def is_chief(user):
    return user.is_superuser or user.groups.filter(name=CHIEF_EDITOR).exists()


def grantable_roles(manager):
    """The roles a manager may give: the chief editor any, a 管理员 all but the chief editor's."""
    names = NEWSROOM_ROLES if is_chief(manager) else [role for role in NEWSROOM_ROLES if role != CHIEF_EDITOR]
    return Group.objects.filter(name__in=names)


def manageable_by(manager, accounts):
    """Of these accounts, those a manager may change: never a superuser's, a chief editor's only by a
    chief."""
    if manager.is_superuser:
        return accounts
    accounts = accounts.filter(is_superuser=False)
    if not is_chief(manager):
        accounts = accounts.exclude(groups__name=CHIEF_EDITOR)
    return accounts


def unlinked_authors(user=None):
    """Bylines a staff account may take: those of no account yet, and the account's own."""
    free = Author.objects.filter(user=None)
    return free | Author.objects.filter(user=user) if user is not None else free


@transaction.atomic
def link_byline(user, author=None, kind=Author.Kind.REPORTER):
    """Give the account its byline: the chosen one, else the one it has, else a new one under its name."""
    current = Author.objects.filter(user=user).first()
    author = author or current or Author(name=display_name(user), kind=kind)
    if current is not None and current != author:
        current.user = None
        current.save(update_fields=["user"])
    author.user = user
    author.save()
    return author
