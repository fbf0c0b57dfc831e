from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from acquis.accounts.selectors import session_age
from acquis.accounts.services import user_login_record


@receiver(user_logged_in, dispatch_uid="acquis_audit_login")
def audit_login(sender, request, user, **kwargs):
    backend = getattr(user, "backend", "") or ""
    user_login_record(user=user, channel="oidc" if "oidc" in backend else "password")


@receiver(user_logged_in, dispatch_uid="acquis_session_age")
def limit_session(sender, request, user, **kwargs):
    """Every login (password, admin, ProConnect, FranceConnect) gets the lifetime of the account's roles."""
    if request is not None and hasattr(request, "session"):
        request.session.set_expiry(session_age(user=user))
