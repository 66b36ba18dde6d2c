from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from projecten.money.views import SmederijDetailView
from projecten.proposals.views import GroupDetailView
from smederijen import urls as smederijen_urls
from smederijen.accounts.views import PasswordResetView
from smederijen.views import HomeView

admin.site.site_header = _("Smederijen administration")
admin.site.site_title = _("Smederijen")
admin.site.index_title = _("Functional administration")

# The pages under /smederijen/ in one namespace. Two of them show proposals and money, so
# their views live in projecten (smederijen never imports projecten); they come last, so
# that "mijn-overzicht/" and "groepen/nieuw/" match before the slugs.
smederijen_pages = [
    *smederijen_urls.urlpatterns,
    path("<slug:slug>/", SmederijDetailView.as_view(), name="smederij-detail"),
    path("groepen/<slug:slug>/", GroupDetailView.as_view(), name="group-detail"),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # Before Django's own: the reset with a limit (smederijen.ratelimits).
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/tweestapsverificatie/", include("smederijen.twofactor.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("smederijen/", include((smederijen_pages, "smederijen"))),
    path("voorstellen/", include("projecten.urls")),
    path("cijfers/", include("projecten.dashboard.urls")),
    path("beheer/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
