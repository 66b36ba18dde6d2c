from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from smederijen.views import HomeView

admin.site.site_header = _("Smederijen administration")
admin.site.site_title = _("Smederijen")
admin.site.index_title = _("Functional administration")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("smederijen/", include("smederijen.urls")),
    path("voorstellen/", include("projecten.urls")),
    path("beheer/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
