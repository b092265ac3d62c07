from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "dangvien.people"
    label = "people"
    verbose_name = "Nhân sự và đảng viên"
