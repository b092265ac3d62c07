from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dangvien.core.domain.text import age_years
from dangvien.people.domain.enums import Gender
from dangvien.reports.domain.categories import (
    Category,
    CategoryCount,
    CategoryTally,
    categories_of,
    count_categories,
    latest_birth_date_for_age,
)
from dangvien.reports.tests.domain import person

DECIDED = date(2023, 6, 1)


def test_a_default_person_is_in_no_category():
    assert categories_of(person(), DECIDED) == dict.fromkeys([c.value for c in Category], False)


@pytest.mark.parametrize(
    ("born", "young"),
    [
        (date(2005, 6, 1), True),  # 18th birthday on the decision date
        (date(2005, 6, 2), False),  # 17 until tomorrow
        (date(1992, 6, 2), True),  # still 30, 31 tomorrow
        (date(1992, 6, 1), False),  # 31 on the decision date
    ],
)
def test_age_18_30_counts_whole_years_at_the_decision_date(born, young):
    assert categories_of(person(born=born), DECIDED)["age_18_30"] is young


def test_women_are_counted_by_gender():
    assert categories_of(person(gender=Gender.FEMALE), DECIDED)["women"] is True


@pytest.mark.parametrize(
    ("ethnicity", "minority"), [("kinh", False), ("tay", True), ("khmer", True)]
)
def test_every_ethnicity_but_kinh_is_a_minority(ethnicity, minority):
    assert categories_of(person(ethnicity=ethnicity), DECIDED)["ethnic_minority"] is minority


@pytest.mark.parametrize(
    ("religion", "religious"), [("khong", False), ("", False), ("phat_giao", True)]
)
def test_no_religion_or_an_empty_one_is_not_religious(religion, religious):
    assert categories_of(person(religion=religion), DECIDED)["religious"] is religious


def test_youth_union_members_are_counted():
    assert categories_of(person(youth_union=True), DECIDED)["youth_union"] is True


@pytest.mark.parametrize(
    ("qualification", "counted"),
    [
        ("trung_cap", False),
        ("so_cap", False),
        ("khong", False),
        ("cao_dang", True),
        ("dai_hoc", True),
        ("thac_si", True),
        ("tien_si", True),
    ],
)
def test_college_or_higher_starts_at_cao_dang(qualification, counted):
    assert (
        categories_of(person(qualification=qualification), DECIDED)["college_or_higher"] is counted
    )


def test_count_categories_judges_each_person_on_their_own_date():
    born = date(2005, 6, 1)
    people = [person(born=born), person(born=born), person(born=born, gender=Gender.FEMALE)]
    dates = [date(2023, 5, 31), DECIDED, DECIDED]  # the first is still 17

    counts = count_categories(people, dates)

    assert counts["age_18_30"] == CategoryCount(2, 66.67)
    assert counts["women"] == CategoryCount(1, 33.33)
    assert counts["religious"] == CategoryCount(0, 0.0)


def test_count_categories_gives_null_percentages_for_no_one():
    counts = count_categories([], [])

    assert counts == dict.fromkeys([c.value for c in Category], CategoryCount(0, None))


def test_count_categories_refuses_dates_that_do_not_match_people():
    with pytest.raises(ValueError, match="zip"):
        count_categories([person()], [])


@pytest.mark.parametrize(
    ("count", "total", "expected"),
    [(2, 3, 66.67), (1, 8, 12.5), (1, 800, 0.13), (12279, 20000, 61.4), (5, 5, 100.0)],
)
def test_category_percent_rounds_half_up_to_two_decimals(count, total, expected):
    tally = CategoryTally(total, {Category.WOMEN: count})

    assert tally.shares()["women"].percent == expected


def test_tallies_add_up_per_category():
    one = CategoryTally(3, {Category.WOMEN: 1})
    two = CategoryTally(5, {Category.WOMEN: 2, Category.RELIGIOUS: 4})

    total = one + two

    assert total.total == 8
    assert total.counts[Category.WOMEN] == 3
    assert total.counts[Category.RELIGIOUS] == 4


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2010, 12, 31)),
    on=st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)),
    years=st.integers(min_value=0, max_value=100),
)
def test_latest_birth_date_for_age_agrees_with_age_years(birth, on, years):
    assume(birth <= on)  # ages before birth are not reported
    cutoff = latest_birth_date_for_age(on, years) if on.year - years >= 1 else None
    if cutoff is not None:
        assert (birth <= cutoff) == (age_years(birth, on) >= years)


def test_someone_born_on_29_february_is_18_on_1_march_in_a_common_year():
    cutoff = latest_birth_date_for_age(date(2026, 2, 28), 18)

    assert cutoff == date(2008, 2, 28)
    assert date(2008, 2, 29) > cutoff


def test_a_tally_lists_every_category_so_equal_counts_compare_equal():
    assert CategoryTally(3, {Category.WOMEN: 1}) == CategoryTally(
        3, {c: int(c is Category.WOMEN) for c in Category}
    )


@pytest.mark.parametrize("count", [-1, 4])
def test_a_tally_refuses_counts_that_do_not_fit_the_total(count):
    with pytest.raises(ValueError, match="do not fit"):
        CategoryTally(3, {Category.WOMEN: count})
