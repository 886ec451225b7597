"""The newsroom's roles as auth groups, and the model permissions each one holds.

A user may hold several roles. What a role may do to a particular story (only one's own drafts, only
stories in review…) is decided by the workflow rules, on top of these model permissions.
"""

REPORTER = "记者"
EDITOR = "编辑"
CHIEF_EDITOR = "总编"

GAZETTEER_MODELS = ("township", "townshipalias", "place", "department", "departmentshortname")

ROLE_PERMISSIONS = {
    REPORTER: {
        "articles": {
            "article": ("add", "change", "view"),
            "byline": ("add", "change", "delete", "view"),
            "photo": ("add", "change", "view"),
            "author": ("add", "view"),
            **{model: ("view",) for model in GAZETTEER_MODELS},
        },
        "issues": {"issue": ("view",), "page": ("view",)},
    },
    EDITOR: {
        "articles": {
            "article": ("add", "change", "view"),
            "byline": ("add", "change", "delete", "view"),
            "photo": ("add", "change", "delete", "view"),
            "author": ("add", "change", "view"),
            **{model: ("view",) for model in GAZETTEER_MODELS},
        },
        "issues": {"issue": ("add", "change", "view"), "page": ("add", "change", "delete", "view")},
    },
    CHIEF_EDITOR: {
        "articles": {
            model: ("add", "change", "delete", "view")
            for model in ("article", "byline", "photo", "author", *GAZETTEER_MODELS)
        },
        "issues": {"issue": ("add", "change", "delete", "view"), "page": ("add", "change", "delete", "view")},
    },
}


def sync_role_groups(apps):
    """Create each role's group and give it exactly the permissions listed above."""
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
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)
