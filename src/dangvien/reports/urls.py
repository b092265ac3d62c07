from django.urls import path

from dangvien.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("<str:kind>/", views.report_page, name="report"),
    path("<str:kind>/tai-ve.<str:fmt>", views.report_file, name="download"),
]

NAV = [("Báo cáo", "reports:dashboard", "reports", 40)]
