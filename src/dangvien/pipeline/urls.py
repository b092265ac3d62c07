from django.urls import path

from dangvien.pipeline.views import calendar, candidacy, lists

app_name = "pipeline"
urlpatterns = [
    path("", lists.board, name="board"),
    path("danh-sach/", lists.table, name="table"),
    path("viec-can-lam/", lists.worklist, name="worklist"),
    path("mo-ho-so/", candidacy.open_candidacy, name="open"),
    path("ho-so/<int:candidacy_id>/", candidacy.detail, name="detail"),
    path("ho-so/<int:candidacy_id>/van-ban/<str:kind>/", candidacy.generated, name="generated"),
    path("ho-so/<int:candidacy_id>/<slug:slug>/", candidacy.step, name="step"),
    path("tep/<int:document_id>/", candidacy.attachment, name="attachment"),
    path("lich-lam-viec/", calendar.calendar, name="calendar"),
]

NAV = [
    ("Phát triển đảng viên", "pipeline:board", "pipeline", 30),
    ("Việc cần làm", "pipeline:worklist", "worklist", 35),
]
