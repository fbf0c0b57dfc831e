from django.contrib import admin
from django.urls import include, path

from acquis.api.api import api

admin.site.site_header = "Administration d'Acquis"
admin.site.site_title = "Acquis"

handler404 = "acquis.api.errors.page_not_found"
handler500 = "acquis.api.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("oidc/", include("acquis.web.accounts.oidc_urls")),
    path("", include("acquis.web.urls")),
]
