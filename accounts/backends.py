"""LOCAL_PASSWORDS=False: no password signs anyone in, on any form (/accounts/login/, /admin/login/).

It stands before ModelBackend and stops the search with PermissionDenied, so Django logs the
attempt as a failed sign-in and no backend after it checks the password."""

from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied


class PasswordsOffBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is not None and not settings.LOCAL_PASSWORDS:
            raise PermissionDenied("password sign-in is off (LOCAL_PASSWORDS=False)")
        return None
