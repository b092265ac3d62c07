from datetime import date

from dangvien.reports.domain.training import ClassFacts, build_training_report
from dangvien.reports.tests.domain import scope
from dangvien.training.domain.enums import ClassType, TraineeResult


def test_the_report_matches_the_contract_field_for_field():
    classes = [
        ClassFacts(ClassType.AWARENESS, date(2023, 3, 1), trainees=70, completed=69),
        ClassFacts(ClassType.AWARENESS, date(2023, 9, 1), trainees=72, completed=72),
        ClassFacts(ClassType.NEW_MEMBER_THEORY, date(2023, 12, 31), trainees=40, completed=38),
        ClassFacts(ClassType.AWARENESS, date(2022, 12, 31), trainees=50, completed=50),
        ClassFacts(ClassType.ELEMENTARY_THEORY, date(2024, 1, 1), trainees=50, completed=50),
    ]

    report = build_training_report(scope=scope(), classes=classes)

    assert report.to_json() == {
        "report": "training",
        "org": {"code": "X", "name": "Đảng bộ xã X"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "classes": 3,
        "trainees": 182,
        "completed": 179,
        "by_type": [
            {"type": "Nhận thức về Đảng", "classes": 2, "trainees": 142, "completed": 141},
            {
                "type": "Lý luận chính trị cho đảng viên mới",
                "classes": 1,
                "trainees": 40,
                "completed": 38,
            },
            {"type": "Sơ cấp lý luận chính trị", "classes": 0, "trainees": 0, "completed": 0},
        ],
    }


def test_class_type_labels_are_the_workbook_vocabulary():
    assert [t.label for t in ClassType] == [
        "Nhận thức về Đảng",
        "Lý luận chính trị cho đảng viên mới",
        "Sơ cấp lý luận chính trị",
    ]


def test_trainee_results_read_as_in_the_workbook():
    assert [r.label for r in TraineeResult] == ["Hoàn thành", "Không hoàn thành"]
