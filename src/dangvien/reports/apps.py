from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvien.reports"
    label = "reports"

    def ready(self) -> None:
        from dangvien.reports import signals

        signals.connect()
