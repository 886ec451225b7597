"""人员管理 without a superuser: the chief editor or a 管理员 creates, deactivates and resets staff."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Author
from articles.roles import ADMINISTRATOR, CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import AuthorFactory, UserFactory, staff_member

pytestmark = pytest.mark.django_db
User = get_user_model()
ADD = reverse("admin:auth_user_add")


def role(name):
    return Group.objects.get(name=name).pk


def new_member(**changes):
    return {
        "username": "liming",
        "first_name": "李明",
        "groups": [role(REPORTER)],
        "password1": "Xq7-long-enough-pass",
        "password2": "Xq7-long-enough-pass",
        **changes,
    }


@pytest.mark.parametrize("manager_role", [CHIEF_EDITOR, ADMINISTRATOR])
def test_a_manager_creates_a_staff_member_with_name_role_and_byline_in_one_form(client, manager_role):
    client.force_login(staff_member(manager_role))
    assert client.post(ADD, new_member()).status_code == 302
    user = User.objects.get(username="liming")
    assert user.is_staff and not user.is_superuser and user.get_full_name() == "李明"
    assert list(user.groups.values_list("name", flat=True)) == [REPORTER]
    assert user.author.name == "李明" and user.check_password("Xq7-long-enough-pass")


def test_an_existing_byline_can_be_given_to_the_new_account(client):
    printed = AuthorFactory(name="王艳")
    client.force_login(staff_member(CHIEF_EDITOR))
    client.post(ADD, new_member(first_name="王艳", byline=printed.pk))
    assert User.objects.get(username="liming").author == printed


def test_roles_and_flags_beyond_the_managers_reach_are_refused(client):
    client.force_login(staff_member(ADMINISTRATOR))
    response = client.post(ADD, new_member(groups=[role(CHIEF_EDITOR)], is_superuser="on"))
    assert response.status_code == 200 and "groups" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="liming").exists()
    client.force_login(staff_member(CHIEF_EDITOR))
    client.post(ADD, new_member(is_superuser="on", user_permissions=["1"]))
    user = User.objects.get(username="liming")
    assert not user.is_superuser and not user.user_permissions.exists()


def test_a_manager_deactivates_and_resets_the_password_of_a_staff_member(client):
    member = staff_member(EDITOR, first_name="张编辑")
    client.force_login(staff_member(ADMINISTRATOR))
    url = reverse("admin:auth_user_change", args=[member.pk])
    data = {"username": member.username, "first_name": "张编辑", "groups": [role(EDITOR)]}
    assert client.post(url, data).status_code == 302  # is_active left unticked
    member.refresh_from_db()
    assert not member.is_active
    password = reverse("admin:auth_user_password_change", args=[member.pk])
    response = client.post(password, {"password1": "New-pass-9876-x", "password2": "New-pass-9876-x"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("New-pass-9876-x")


def test_no_manager_touches_a_superuser_and_only_a_chief_touches_a_chief(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    chief = staff_member(CHIEF_EDITOR)
    client.force_login(staff_member(ADMINISTRATOR))
    for account in (superuser, chief):
        password = reverse("admin:auth_user_password_change", args=[account.pk])
        client.post(password, {"password1": "Taken-over-12345", "password2": "Taken-over-12345"})
        account.refresh_from_db()
        assert not account.check_password("Taken-over-12345")
    client.force_login(chief)
    listed = client.get(reverse("admin:auth_user_changelist")).context["cl"].result_list
    assert superuser not in listed and chief in listed


def test_a_manager_cannot_lock_themselves_out(client):
    manager = staff_member(ADMINISTRATOR, first_name="管理员甲")
    client.force_login(manager)
    url = reverse("admin:auth_user_change", args=[manager.pk])
    response = client.post(
        url, {"username": manager.username, "first_name": "管理员甲", "groups": [role(REPORTER)]}
    )
    assert response.status_code == 200
    manager.refresh_from_db()
    assert manager.is_active and list(manager.groups.values_list("name", flat=True)) == [ADMINISTRATOR]


def test_editors_and_reporters_do_not_manage_staff(client):
    for name in (REPORTER, EDITOR):
        client.force_login(staff_member(name))
        assert client.get(ADD).status_code == 403
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert not Author.objects.exists()


def test_the_staff_forms_speak_chinese(client):
    client.force_login(staff_member(CHIEF_EDITOR))
    member = staff_member(EDITOR)
    for url in (ADD, reverse("admin:auth_user_change", args=[member.pk])):
        content = client.get(url).content.decode()
        assert "After you" not in content and "The groups this user belongs to" not in content
        assert "姓名" in content and "角色" in content


def test_the_author_form_sets_a_correspondents_township_and_department_apart(client):
    client.force_login(staff_member(EDITOR))
    author = AuthorFactory(name="李明", kind=Author.Kind.CORRESPONDENT)
    page = client.get(reverse("admin:articles_author_change", args=[author.pk])).content.decode()
    fieldset = page[page.index("仅限通讯员") :]
    assert 'name="township"' in fieldset and 'name="department"' in fieldset
    assert 'name="kind"' not in fieldset
