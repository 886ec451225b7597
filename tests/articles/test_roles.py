import pytest
from django.contrib.auth.models import Group

from articles.roles import CHIEF_EDITOR, EDITOR, NEWSROOM_ROLES, ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", NEWSROOM_ROLES)
def test_each_role_holds_exactly_the_listed_permissions(role):
    listed = {
        f"{app_label}.{action}_{model}"
        for app_label, models in ROLE_PERMISSIONS[role].items()
        for model, actions in models.items()
        for action in actions
    }
    held = {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert held == listed


def test_only_the_chief_editor_publishes_and_signs_the_final_review():
    def holders(codename):
        return set(Group.objects.filter(permissions__codename=codename).values_list("name", flat=True))

    assert holders("publish_article") == {CHIEF_EDITOR}
    assert holders("sign_off_article") == {CHIEF_EDITOR}
    assert holders("review_article") == {EDITOR, CHIEF_EDITOR}
