"""The newsroom's roles as auth groups, and the model permissions each one holds.

A user may hold several roles. What a role may do to a particular story (only one's own drafts, only
stories in review…) is decided by the workflow rules, on top of these model permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db.models import Q

REPORTER = "记者"
EDITOR = "编辑"
CHIEF_EDITOR = "总编"
ADMINISTRATOR = "管理员"
NEWSROOM_ROLES = (REPORTER, EDITOR, CHIEF_EDITOR, ADMINISTRATOR)
# Staff management (人员管理): accounts, real names, roles and bylines, without a superuser.
STAFF_MANAGEMENT = {"auth": {"user": ("add", "change", "view")}}

# 选题策划: editors and the chief accept, reject, merge and assign proposals (planning/rules.py).
PLANNERS = {"proposal": ("add", "change", "view", "plan"), "assignment": ("view",)}

# 稿分: editors grade stories, adjust points and see everyone's ledger; the chief also sets the rules and
# locks a month (scoring/ledger.py). Anyone sees their own ledger.
GRADERS = {"grade": ("add", "change", "view"), "adjustment": ("add", "view"), "ledgermonth": ("view",)}

GAZETTEER_MODELS = ("township", "townshipalias", "place", "department", "departmentshortname")

ROLE_PERMISSIONS = {
    REPORTER: {
        "articles": {
            "article": ("add", "change", "view"),
            "byline": ("add", "change", "delete", "view"),
            "photo": ("add", "change", "view"),
            "author": ("add", "view"),
            "transition": ("view",),
            "comment": ("add", "view"),
            "term": ("view",),
            **{model: ("view",) for model in GAZETTEER_MODELS},
        },
        "issues": {"issue": ("view",), "page": ("view",)},
        "planning": {"proposal": ("add", "change", "view"), "assignment": ("view",)},
    },
    EDITOR: {
        "articles": {
            "article": ("add", "change", "view", "review"),
            "byline": ("add", "change", "delete", "view"),
            "photo": ("add", "change", "delete", "view"),
            "author": ("add", "change", "view"),
            "transition": ("view",),
            "comment": ("add", "view"),
            "term": ("add", "change", "view"),
            **{model: ("view",) for model in GAZETTEER_MODELS},
        },
        "issues": {"issue": ("add", "change", "view"), "page": ("add", "change", "delete", "view")},
        "planning": PLANNERS,
        "scoring": GRADERS,
    },
    CHIEF_EDITOR: {
        "articles": {
            **{
                model: ("add", "change", "delete", "view")
                for model in ("byline", "photo", "author", "transition", "comment", "term", *GAZETTEER_MODELS)
            },
            "article": ("add", "change", "delete", "view", "review", "sign_off", "publish"),
        },
        "issues": {"issue": ("add", "change", "delete", "view"), "page": ("add", "change", "delete", "view")},
        "planning": PLANNERS,
        "scoring": {
            **GRADERS,
            "adjustment": ("add", "change", "view"),
            "ruleset": ("add", "change", "view"),
            "lengthband": ("add", "change", "delete", "view"),
            "ledgermonth": ("view", "lock"),
        },
        **STAFF_MANAGEMENT,
    },
    ADMINISTRATOR: {
        **STAFF_MANAGEMENT,
        "articles": {"author": ("add", "change", "view")},
    },
}


def sync_role_groups(apps):
    """Create each role's group and give it exactly the permissions listed above.

    Called by data migrations whenever the list changes. Permissions are normally created after all
    migrations have run, so they are created here first.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, apps_models in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in apps_models.items()
            for model, actions in models.items()
            for action in actions
        ]
        # An earlier migration may run this before a model or permission named here exists; the
        # migration that adds it runs this again. tests/articles/test_roles.py checks the end result.
        wanted = Q()
        for app_label, codename in codenames:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
