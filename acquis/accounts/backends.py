from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Local login by e-mail and password (the embedded default); e-mails are compared lower-cased."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)


def login_username(request, credentials) -> str | None:
    """The account a login attempt is for, as django-axes counts failures: the e-mail lower-cased (the password
    login and the admin's both pass it as ``username``), so « Jean@x.fr » and « jean@x.fr » share one count."""
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if value is None and request is not None:
        value = request.POST.get("email") or request.POST.get("username")
    return value.strip().lower() if value else None
