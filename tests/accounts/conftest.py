from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.oidc_provider import OidcTestProvider

# Django's test Client serves every request as http://testserver: that is where the provider sends people back.
TEST_SERVER = "http://testserver"


@pytest.fixture
def oidc_provider(settings):
    """A running OIDC provider on 127.0.0.1 (ProConnect and FranceConnect realms), Acquis configured for both."""
    redirect_uris = {name: TEST_SERVER + reverse(f"oidc:{name}_callback") for name in ("proconnect", "franceconnect")}
    with OidcTestProvider(redirect_uris, post_logout_redirect_uris=(TEST_SERVER + "/",)) as provider:
        settings.ACQUIS_OIDC_PROVIDERS = provider.django_settings()
        yield provider
