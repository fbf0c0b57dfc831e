from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Local login by e-mail and password (the embedded default); e-mails are compared lower-cased."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)
