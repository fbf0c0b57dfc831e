from django.urls import path

from acquis.accounts.oidc.views import ProviderAuthenticateView, ProviderCallbackView
from acquis.web.middleware import writes_on_get

app_name = "oidc"

# The callback logs the person in (session, last login, account creation): the one GET allowed to write.
urlpatterns = [
    path("<str:provider>/connexion/", ProviderAuthenticateView.as_view(), name="authenticate"),
    path(
        "proconnect/retour/",
        writes_on_get(ProviderCallbackView.as_view()),
        {"provider": "proconnect"},
        name="proconnect_callback",
    ),
    path(
        "franceconnect/retour/",
        writes_on_get(ProviderCallbackView.as_view()),
        {"provider": "franceconnect"},
        name="franceconnect_callback",
    ),
]
