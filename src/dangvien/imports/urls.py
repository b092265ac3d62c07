from django.urls import path

from dangvien.imports import export_views, views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("mau/", export_views.template_download, name="template"),
    path("xuat/nhan-su/", export_views.people_download, name="export_people"),
    path("xuat/to-chuc/", export_views.orgs_download, name="export_orgs"),
    path("xuat/dia-ban/", export_views.localities_download, name="export_localities"),
    path("xuat/du-lieu/", export_views.workbook_download, name="export_workbook"),
    path("<uuid:job_id>/", views.job_detail, name="job"),
    path("<uuid:job_id>/xac-nhan/", views.job_confirm, name="confirm"),
    path("<uuid:job_id>/trang-thai/", views.job_status, name="status"),
    path("<uuid:job_id>/tep-loi/", views.job_error_file, name="error_file"),
]

NAV = [("Nhập dữ liệu", "imports:index", "imports", 60)]
