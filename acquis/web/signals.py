from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from acquis.accounts.services import user_login_record


@receiver(user_logged_in, dispatch_uid="acquis_audit_login")
def audit_login(sender, request, user, **kwargs):
    backend = getattr(user, "backend", "") or ""
    user_login_record(user=user, channel="oidc" if "oidc" in backend else "password")
