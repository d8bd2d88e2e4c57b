"""Helpers for tests of two-factor login: an authenticator app for a user, the code it shows now,
and a client that has passed the second step the way a person does (the verification page)."""

import time

from django.test import Client
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

VERIFY_URL = "/accounts/tweestapsverificatie/"
SET_UP_URL = "/accounts/tweestapsverificatie/instellen/"


def make_authenticator(user, **fields) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True, **fields)


def code_for(device: TOTPDevice) -> str:
    """A code the app would show that the device has not accepted yet: the current time step's, or
    the next one's (within the device's tolerance of one step) when the current one was used."""
    device.refresh_from_db()
    now = int((time.time() - device.t0) // device.step) + device.drift
    return f"{hotp(device.bin_key, max(now, device.last_t + 1)):06d}"


def verified_client(user, device: TOTPDevice | None = None) -> Client:
    client = Client()
    client.force_login(user)
    device = device or TOTPDevice.objects.filter(user=user, confirmed=True).first() or make_authenticator(user)
    response = client.post(VERIFY_URL, {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()[:500]
    return client
