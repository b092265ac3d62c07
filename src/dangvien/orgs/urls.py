from django.urls import path

from dangvien.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("to-chuc/<str:code>/", views.org_detail, name="detail"),
    path("to-chuc/<str:code>/truc-thuoc/", views.org_children, name="children"),
]

NAV = [("Tổng quan", "orgs:dashboard", "dashboard", 10)]
