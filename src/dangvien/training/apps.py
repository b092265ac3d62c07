from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangvien.training"
    label = "training"
