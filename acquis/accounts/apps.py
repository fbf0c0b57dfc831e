from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "acquis.accounts"
    verbose_name = "Comptes et rôles"
