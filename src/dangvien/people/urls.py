from django.urls import path

from dangvien.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("<int:person_id>/", views.person_detail, name="detail"),
]

NAV = [("Nhân sự", "people:list", "people", 20)]
