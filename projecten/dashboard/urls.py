from django.urls import path

from projecten.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="overview"),
    path("wijkteam/<slug:slug>/", views.WijkteamFiguresView.as_view(), name="wijkteam"),
    path("smederij/<slug:slug>/", views.SmederijFiguresView.as_view(), name="smederij"),
    path("jaarverslag/<int:year>/", views.AnnualReportView.as_view(), name="annual-report"),
]
