"""/beheer/gebruikers/<id>/: giving and taking roles, deactivating, with history; never on oneself."""

import pytest
from django.test import Client

from accounts.models import AccountChange, AppendOnlyError, SecurityEvent
from accounts.services import NOT_YOUR_OWN_ROLES, NOT_YOURSELF, SUPERUSER_ONLY
from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER, MANAGER
from tests.accounts.conftest import logged_in
from tests.factory import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def roles_url(user) -> str:
    return f"/beheer/gebruikers/{user.pk}/rollen/"


def names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_the_list_shows_every_account_with_roles_and_status(admin_client, manager, adviser):
    html = admin_client.get("/beheer/gebruikers/").content.decode()
    assert "leidinggevende" in html and "hr-adviseur" in html and "fenna" in html
    assert MANAGER in html and HR_ADVISER in html and "actief" in html


def test_giving_and_taking_roles_is_kept_with_who_and_what(admin_client, manager):
    response = admin_client.post(roles_url(manager), {"roles": [HR_ADVISER]})
    assert response.status_code == 302
    assert names(manager) == {HR_ADVISER}
    history = list(AccountChange.objects.filter(user=manager).order_by("id").values_list("kind", "role", "by__username"))
    assert history == [("role_granted", HR_ADVISER, "fenna"), ("role_taken", MANAGER, "fenna")]
    page = admin_client.get(f"/beheer/gebruikers/{manager.pk}/").content.decode()
    assert "rol gegeven: HR-adviseur" in page and "rol afgenomen: Leidinggevende" in page
    logged = SecurityEvent.objects.filter(kind="role_change", subject=manager, actor__username="fenna")
    assert logged.count() == 2


def test_history_is_append_only(admin_client, manager):
    admin_client.post(roles_url(manager), {"roles": []})
    change = AccountChange.objects.get(user=manager)
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        AccountChange.objects.all().delete()


def test_nobody_grants_a_role_to_himself(admin_client, administrator):
    response = admin_client.post(roles_url(administrator), {"roles": [FUNCTIONAL_ADMIN, HR_ADVISER]})
    assert response.status_code == 400 and NOT_YOUR_OWN_ROLES in response.content.decode()
    assert names(administrator) == {FUNCTIONAL_ADMIN}
    assert not AccountChange.objects.exists()


def test_nobody_deactivates_himself(admin_client, administrator):
    response = admin_client.post(f"/beheer/gebruikers/{administrator.pk}/deactiveren/")
    assert response.status_code == 400 and NOT_YOURSELF in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active


def test_a_superuser_is_changed_only_by_a_superuser(admin_client):
    root = make_user(username="root", is_superuser=True, is_staff=True)
    response = admin_client.post(f"/beheer/gebruikers/{root.pk}/deactiveren/")
    assert response.status_code == 400 and SUPERUSER_ONLY in response.content.decode()


def test_taking_a_role_ends_that_users_sessions(admin_client, adviser):
    their = Client()
    their.post("/accounts/login/", {"username": "hr-adviseur", "password": PASSWORD})
    assert their.get("/aanvragen/").status_code == 200
    admin_client.post(roles_url(adviser), {"roles": [MANAGER]})
    response = their.get("/aanvragen/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in their.session


def test_giving_a_role_keeps_the_session(admin_client, adviser):
    their = logged_in(adviser)
    admin_client.post(roles_url(adviser), {"roles": [HR_ADVISER, MANAGER]})
    assert their.get("/indelen/").status_code == 200


def test_deactivating_ends_the_sessions_and_reactivating_lets_them_in_again(admin_client, manager):
    their = logged_in(manager)
    assert their.get("/aanvragen/").status_code == 200
    assert admin_client.post(f"/beheer/gebruikers/{manager.pk}/deactiveren/").status_code == 302
    manager.refresh_from_db()
    assert not manager.is_active
    assert their.get("/aanvragen/").status_code == 302 and "_auth_user_id" not in their.session
    assert Client().post("/accounts/login/", {"username": "leidinggevende", "password": PASSWORD}).status_code == 200
    admin_client.post(f"/beheer/gebruikers/{manager.pk}/activeren/")
    assert Client().post("/accounts/login/", {"username": "leidinggevende", "password": PASSWORD}).status_code == 302
    kinds = list(AccountChange.objects.filter(user=manager).order_by("id").values_list("kind", flat=True))
    assert kinds == ["deactivated", "reactivated"]


def test_an_unknown_role_is_a_400(admin_client, manager):
    assert admin_client.post(roles_url(manager), {"roles": ["Directeur"]}).status_code == 400
    assert names(manager) == {MANAGER}


def test_an_outsider_and_a_manager_may_not(manager, adviser):
    for user in (manager, adviser):
        client = logged_in(user)
        assert client.get("/beheer/gebruikers/").status_code == 403
        assert client.post(roles_url(manager), {"roles": [FUNCTIONAL_ADMIN]}).status_code == 403
    assert names(manager) == {MANAGER}


def test_changes_need_post_and_csrf(administrator, manager):
    strict = logged_in(administrator, enforce_csrf_checks=True)
    assert strict.post(roles_url(manager), {"roles": []}).status_code == 403
    assert logged_in(administrator).get(roles_url(manager)).status_code == 405


def test_an_unknown_account_is_a_404(admin_client):
    assert admin_client.get("/beheer/gebruikers/999999/").status_code == 404
    assert admin_client.post("/beheer/gebruikers/999999/deactiveren/").status_code == 404
