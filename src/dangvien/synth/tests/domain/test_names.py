from __future__ import annotations

from dangvien.people.domain.enums import Gender
from dangvien.synth.domain.ids import stream
from dangvien.synth.domain.names import NameMaker


def _names(ethnicity: str, gender: Gender, *, south: bool = False, count: int = 2000) -> list[str]:
    rng = stream(1, "names", ethnicity)
    maker = NameMaker()
    return [maker.full_name(rng, ethnicity, gender, south=south) for _ in range(count)]


def test_about_four_in_ten_kinh_people_are_called_nguyen():
    names = _names("kinh", Gender.MALE)

    share = sum(n.startswith("Nguyễn ") for n in names) / len(names)

    assert 0.32 <= share <= 0.44


def test_most_kinh_women_carry_thi_and_men_van():
    women = _names("kinh", Gender.FEMALE)
    men = _names("kinh", Gender.MALE)

    assert sum(" Thị " in n for n in women) / len(women) > 0.4
    assert sum(" Văn " in n for n in men) / len(men) > 0.3


def test_the_south_writes_huynh_and_vo():
    names = _names("kinh", Gender.MALE, south=True)

    assert any(n.startswith("Huỳnh ") for n in names)
    assert not any(n.startswith(("Hoàng ", "Vũ ")) for n in names)


def test_minority_names_follow_their_own_patterns():
    assert any(n.split()[1] == "A" for n in _names("mong", Gender.MALE, count=50))
    assert all(n.startswith("H'") for n in _names("e_de", Gender.FEMALE, count=50))
    assert all(n.startswith("Y ") for n in _names("e_de", Gender.MALE, count=50))
    assert any(n.startswith(("Lò ", "Lường ", "Cầm ")) for n in _names("thai", Gender.MALE))
