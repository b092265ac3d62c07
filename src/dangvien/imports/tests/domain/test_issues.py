from datetime import date

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.cells import parse_citizen_id, parse_date_cell
from dangvien.imports.domain.issues import ImportIssue, IssueCollector, Severity


def test_it_collects_every_issue_instead_of_stopping_at_the_first():
    collector = IssueCollector()
    for row, value in enumerate(["12345", "001085012345", 1234567890, "abc"], start=2):
        collector.capture(parse_citizen_id, value, sheet="NhanSu", row=row, column="Số CCCD")
    assert [issue.row for issue in collector.errors] == [2, 4, 5]
    assert collector.has_errors
    assert len(collector) == 3


def test_it_returns_the_parsed_value_when_the_cell_is_valid():
    collector = IssueCollector()
    value = collector.capture(
        parse_citizen_id, 12345678901, sheet="NhanSu", row=2, column="Số CCCD", column_index=0
    )
    assert value == "012345678901"
    assert not collector.has_errors


def test_it_records_the_cell_as_the_user_sees_it():
    collector = IssueCollector()
    collector.capture(
        parse_citizen_id, 1.2345e5, sheet="NhanSu", row=7, column="Số CCCD", column_index=3
    )
    [issue] = collector.issues
    assert issue == ImportIssue(
        sheet="NhanSu",
        row=7,
        column="Số CCCD",
        value="123450",
        message=issue.message,
        severity=Severity.ERROR,
        column_index=3,
        code="invalid_citizen_id",
    )
    assert issue.message.startswith('Số CCCD "123450" không hợp lệ')


def test_it_captures_parsers_with_options():
    collector = IssueCollector()
    collector.capture(
        lambda value: parse_date_cell(value, today=date(2025, 1, 1)),
        "01/01/2030",
        sheet="NhanSu",
        row=2,
        column="Ngày sinh",
    )
    assert collector.errors[0].code == "date_out_of_range"


def test_it_lets_unexpected_exceptions_through():
    def broken(value: object) -> None:
        raise RuntimeError("bug")

    collector = IssueCollector()
    try:
        collector.capture(broken, "x", sheet="NhanSu", row=2, column="Số CCCD")  # type: ignore[arg-type]
    except RuntimeError:
        pass
    else:
        raise AssertionError("a bug must not be reported as a user error")


def test_it_separates_warnings_from_errors():
    collector = IssueCollector()
    collector.warning('Cột "Ghi chú" không có trong mẫu nên bị bỏ qua', sheet="NhanSu", row=1)
    assert not collector.has_errors
    collector.error("Thiếu cột bắt buộc", sheet="NhanSu", row=1, value=None)
    assert [issue.severity for issue in collector] == [Severity.WARNING, Severity.ERROR]
    assert len(collector.warnings) == len(collector.errors) == 1
    assert collector.warnings[0].code == "warning"


def test_it_records_a_domain_error_s_code():
    collector = IssueCollector()
    collector.capture(_refuse, "x", sheet="ToChuc", row=3, column="Mã")
    assert collector.errors[0].code == "duplicate_code"


def _refuse(value: object) -> None:
    raise DomainError("Mã bị trùng", code="duplicate_code")


def test_it_sorts_issues_by_sheet_order_row_and_column():
    collector = IssueCollector()
    collector.error("c", sheet="NhanSu", row=5, column_index=2)
    collector.error("b", sheet="NhanSu", row=5, column_index=0)
    collector.error("a", sheet="ToChuc", row=9)
    collector.error("d", sheet="Khác", row=1)
    collector.error("e", sheet="NhanSu", row=None)
    order = [issue.message for issue in collector.sorted(("ToChuc", "NhanSu"))]
    assert order == ["a", "e", "b", "c", "d"]


def test_it_extends_with_issues_from_elsewhere():
    collector = IssueCollector()
    collector.extend([ImportIssue("NhanSu", 1, "Kỳ", "", 'Thiếu cột bắt buộc "Kỳ"')])
    assert collector.has_errors


def test_severities_have_vietnamese_labels():
    assert Severity.ERROR.label == "Lỗi"
    assert Severity.WARNING.label == "Cảnh báo"
