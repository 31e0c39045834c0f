"""Log-ins are throttled (django-axes): a user name from one address is locked after five
failures, for a cool-off time, with a German page; success clears the count. The admin is the
first log-in; every later one (the portal) goes through the same authenticate()."""

import datetime

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone

LOGIN_URL = "/admin/login/"
PASSWORD = "richtig-und-lang"

pytestmark = pytest.mark.usefixtures("throttling")


@pytest.fixture
def throttling():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redaktion", "r@example.org", PASSWORD)


def log_in(client, password: str, *, username="redaktion", ip="203.0.113.7", **headers):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_after_five_wrong_passwords_even_the_right_one_is_refused_in_german(client, editor):
    answers = [log_in(client, f"falsch-{n}").status_code for n in range(5)]

    locked = log_in(client, PASSWORD)

    assert answers == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in text_of(locked)
    assert "in 15 Minuten noch einmal" in text_of(locked)
    assert locked["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off_time(client, editor):
    for n in range(5):
        log_in(client, f"falsch-{n}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_successful_log_in_clears_the_count(client, editor):
    for n in range(4):
        log_in(client, f"falsch-{n}")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()

    answers = [log_in(client, f"wieder-falsch-{n}").status_code for n in range(4)]

    assert answers == [200, 200, 200, 200]
    assert log_in(client, PASSWORD).status_code == 302


def test_the_lock_holds_a_name_from_one_address_only(client, editor, django_user_model):
    django_user_model.objects.create_user("kollegin", password=PASSWORD, is_staff=True)
    for n in range(5):
        log_in(client, f"falsch-{n}")

    from_elsewhere = log_in(client, PASSWORD, ip="198.51.100.20")
    client.logout()
    colleague = log_in(client, PASSWORD, username="kollegin")

    assert from_elsewhere.status_code == 302
    assert colleague.status_code != 429


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_the_address_comes_from_the_trusted_proxy_header(client, editor):
    # Behind the proxy every request comes from its address; the proxy appends the client's.
    for n in range(5):
        log_in(client, f"falsch-{n}", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    other_client = log_in(
        client, PASSWORD, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.20"
    )

    assert other_client.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_the_portal_log_in_is_throttled_the_same_way(client, django_user_model):
    from peer_learning.models import Membership
    from tests.factories import MunicipalityFactory

    user = django_user_model.objects.create_user(
        "ayla@andernach.example", "ayla@andernach.example", PASSWORD
    )
    Membership.objects.create(user=user, municipality=MunicipalityFactory())

    def portal_log_in(password, login="ayla@andernach.example"):
        return client.post(
            "/portal/konto/login/",
            {"login": login, "password": password},
            REMOTE_ADDR="203.0.113.9",
        )

    answers = [
        portal_log_in(
            f"falsch-{n}", login=["Ayla@Andernach.example", "ayla@andernach.example"][n % 2]
        ).status_code
        for n in range(5)
    ]
    locked = portal_log_in(PASSWORD)

    assert answers[:4] == [200, 200, 200, 200]
    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in text_of(locked)
    assert "_auth_user_id" not in client.session
