"""The pages under /cijfers/: the dashboard and its exports."""

from django.urls import path

from projecten.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="overview"),
    path("wijkteam/<slug:slug>/", views.WijkteamFiguresView.as_view(), name="wijkteam"),
    path("smederij/<slug:slug>/", views.SmederijFiguresView.as_view(), name="smederij"),
    path("jaarverslag/<int:year>/", views.AnnualReportView.as_view(), name="annual-report"),
    # --- Exports (issue 13, item 5) -----------------------------------------------------------
    path("export/", views.ExportIndexView.as_view(), name="export-index"),
    path("export/taken/<int:pk>/", views.ExportJobView.as_view(), name="export-job"),
    path(
        "export/taken/<int:pk>/bestand/", views.ExportJobFileView.as_view(), name="export-job-file"
    ),
    path(
        "export/<slug:dataset>.<slug:file_format>",
        views.ExportView.as_view(),
        name="export",
    ),
]
