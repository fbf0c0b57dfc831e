from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "acquis.orientation"
    label = "orientation"
    verbose_name = "Information et orientation (ROME, recherche de certifications, conseil)"

    def ready(self) -> None:
        # The domain's actions join acquis.accounts.permissions.can() once the app registry is ready.
        from acquis.orientation import permissions

        permissions.register()
