from django.urls import path

from dangvien.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.quota_page, name="quotas"),
    path("giao/", views.quota_assign, name="assign"),
]

NAV = [("Chỉ tiêu", "plans:quotas", "plans", 35)]
