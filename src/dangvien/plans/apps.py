from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dangvien.plans"
    label = "plans"
