from django.urls import path

from dangvien.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log_search, name="search"),
    path("xuat/", views.log_export, name="export"),
    path("nhan-su/<int:person_id>/du-lieu.<str:fmt>", views.person_data, name="person_data"),
    path("nhan-su/<int:person_id>/dong-y/", views.consents, name="consents"),
    path(
        "nhan-su/<int:person_id>/dong-y/<int:consent_id>/rut-lai/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]

NAV = [("Nhật ký truy cập", "audit:search", "audit", 80)]
