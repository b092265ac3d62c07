import codecs
import unicodedata

import pytest

from dangvien.imports.domain.csv_files import (
    decode_csv_bytes,
    parse_csv_bytes,
    read_csv_file,
    read_csv_rows,
    sniff_delimiter,
)
from dangvien.imports.domain.legacy_encoding import encode_tcvn3

HEADER = "Số CCCD,Họ và tên,Ngày sinh"
ROW = "001085012345,Nguyễn Văn Ân,25/12/1990"
EXPECTED = [["Số CCCD", "Họ và tên", "Ngày sinh"], ["001085012345", "Nguyễn Văn Ân", "25/12/1990"]]


def _cp1258(text: str) -> bytes:
    """Encode as Windows does: a letter 1258 lacks becomes its base letter plus a tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", decomposed[:-1])
            out += base.encode("cp1258") + decomposed[-1].encode("cp1258")
    return out


def test_the_cp1258_helper_writes_tone_marks_apart():
    assert _cp1258("ố") == b"\xf4\xec"


def _csv(delimiter: str = ",") -> str:
    return f"{HEADER}\r\n{ROW}\r\n".replace(",", delimiter)


def test_it_reads_utf8_with_a_byte_order_mark():
    table = parse_csv_bytes(codecs.BOM_UTF8 + _csv().encode("utf-8"))
    assert table.rows == EXPECTED
    assert table.encoding == "utf-8-sig"
    assert table.rows[0][0] == "Số CCCD"  # no BOM left on the first header


def test_it_reads_utf8_without_a_byte_order_mark():
    table = parse_csv_bytes(_csv().encode("utf-8"))
    assert (table.rows, table.encoding) == (EXPECTED, "utf-8")


def test_it_reads_windows_1258_and_composes_its_tone_marks():
    data = _cp1258(_csv())
    table = parse_csv_bytes(data)
    assert table.encoding == "cp1258"
    assert table.rows == EXPECTED
    assert all(unicodedata.is_normalized("NFC", cell) for row in table.rows for cell in row)


def test_it_reads_utf16_as_excel_s_unicode_text_writes_it():
    table = parse_csv_bytes(_csv("\t").encode("utf-16"))
    assert (table.rows, table.delimiter) == (EXPECTED, "\t")


def test_it_reads_a_western_windows_file_holding_tcvn3_text_as_latin_characters():
    text = "Họ và tên\r\nNguyễn Thị Chính\r\n"
    data = encode_tcvn3(text).encode("cp1252")
    decoded, codec = decode_csv_bytes(data)
    assert codec == "cp1252"
    assert decoded == encode_tcvn3(text)  # converting TCVN3 is the cell parser's job


def test_it_reads_a_western_windows_file_whose_tcvn3_leaves_tone_marks_on_nothing():
    data = encode_tcvn3("Thị Nở").encode("cp1252")  # "Þ" is a tone mark in 1258
    assert decode_csv_bytes(data) == ("ThÞ Në", "cp1252")


def test_it_falls_back_to_latin1_for_bytes_no_windows_code_page_knows():
    data = "Ph\u00adêng §¶ng".encode("latin-1") + b"\x81"
    assert decode_csv_bytes(data) == ("Ph\u00adêng §¶ng\x81", "latin-1")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_it_sniffs_the_delimiter(delimiter):
    table = parse_csv_bytes(_csv(delimiter).encode("utf-8"))
    assert table.delimiter == delimiter
    assert table.rows == EXPECTED


def test_it_ignores_delimiters_inside_quotes_when_sniffing():
    assert sniff_delimiter('"Mã, tổ chức";"Kỳ";"Chỉ tiêu"\n') == ";"


def test_it_defaults_to_a_comma_for_a_single_column():
    assert sniff_delimiter("Mã\nA\n") == ","
    assert sniff_delimiter("") == ","


def test_it_honours_excel_s_sep_line():
    table = parse_csv_bytes(b"sep=;\r\nM\xc3\xa3,x;K\xe1\xbb\xb3\r\nA,1;2020\r\n")
    assert table.delimiter == ";"
    assert table.rows == [["Mã,x", "Kỳ"], ["A,1", "2020"]]


def test_it_keeps_quoted_fields_with_delimiters_and_line_breaks():
    data = 'Chức danh;Họ và tên\r\n"Trưởng thôn;\nBí thư";"Lê Thị ""Hoa"""\r\n'.encode()
    assert read_csv_rows(data) == [
        ["Chức danh", "Họ và tên"],
        ["Trưởng thôn;\nBí thư", 'Lê Thị "Hoa"'],
    ]


def test_it_keeps_blank_lines_so_row_numbers_match_the_file():
    assert read_csv_rows(b"A,B\r\n\r\n1,2\r\n") == [["A", "B"], [], ["1", "2"]]


def test_it_reads_a_file_from_disk(tmp_path):
    path = tmp_path / "NhanSu.csv"
    path.write_bytes(codecs.BOM_UTF8 + _csv(";").encode("utf-8"))
    assert read_csv_file(path).rows == EXPECTED
