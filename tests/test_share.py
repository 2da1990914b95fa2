"""The active filters as chips, and years typed as text (techrift/share.py), on the fixture data."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest

from techrift import filters as flt
from techrift import share
from techrift.i18n import LANGUAGES, t


@pytest.fixture(scope="module")
def options(dataset) -> flt.FilterOptions:
    return flt.options_for(dataset)


def _not_default(entry: flt.GlobalFilter, options: flt.FilterOptions) -> Any:
    """A value of `entry` other than its default, made from what its widget offers."""
    if entry.widget == "year_range":
        return (options.first_year + 1, options.last_year)
    if entry.widget == "multiselect":
        return entry.choices(options)[:2]
    return not entry.default(options)


def test_default_filters_show_no_chip(options) -> None:
    assert share.chips(flt.default_filters(options), options, "en") == []


@pytest.mark.parametrize("entry", flt.REGISTRY, ids=lambda entry: entry.key)
def test_every_registry_entry_gets_chips_that_clear_it(entry: flt.GlobalFilter, options, dataset) -> None:
    """Iterates the registry: a filter added there gets its chips, and removing them all gives the default back."""
    value = _not_default(entry, options)
    assert value != entry.default(options), f"the fixture offers no choice for {entry.key}"
    filters = dataclasses.replace(flt.default_filters(options), **{entry.field: value})
    for lang in LANGUAGES:
        chips = share.chips(filters, options, lang, dataset.labels_in(lang))
        assert chips and {chip.field for chip in chips} == {entry.field}
        assert {chip.key for chip in chips} == {entry.key}
        assert all(chip.label for chip in chips)
        assert len({chip.id for chip in chips}) == len(chips)
        # Removing every chip, one after the other, clears the filter.
        current = filters
        for chip in share.chips(filters, options, lang, dataset.labels_in(lang)):
            again = {c.id: c for c in share.chips(current, options, lang, dataset.labels_in(lang))}[chip.id]
            current = dataclasses.replace(current, **{chip.field: again.cleared})
        assert current == flt.default_filters(options)


def test_chips_say_what_the_filters_hold_in_both_languages(options, dataset) -> None:
    filters = flt.Filters(
        years=(2019, 2020), companies=("Huawei",), countries=("Russia",), well_supported=True, kinds=("tie_cut",)
    )
    english = share.chips(filters, options, "en", dataset.labels_in("en"))
    vietnamese = share.chips(filters, options, "vi", dataset.labels_in("vi"))
    assert [chip.label for chip in english] == [
        "2019–2020",
        "Huawei",
        "Russia",
        t("category_tie_cut", "en"),
        t("well_supported_only", "en"),
    ]
    assert [chip.label for chip in vietnamese] == [
        "2019–2020",
        "Huawei",
        dataset.labels_in("vi")["Russia"],
        t("category_tie_cut", "vi"),
        t("well_supported_only", "vi"),
    ]
    assert vietnamese[2].label != "Russia" and vietnamese[3].label != english[3].label
    # What removing each one sets: the default years, no company, no country, no kind, every record.
    assert [(chip.key, chip.cleared) for chip in english] == [
        ("years", (options.first_year, options.last_year)),
        ("company", ()),
        ("country", ()),
        ("kind", ()),
        ("support", False),
    ]


def test_removing_one_of_several_choices_keeps_the_others(options) -> None:
    two = options.countries[:2]
    filters = dataclasses.replace(flt.default_filters(options), countries=two)
    chips = share.chips(filters, options, "en")
    assert [chip.cleared for chip in chips] == [(two[1],), (two[0],)]


def test_one_year_is_written_alone(options) -> None:
    filters = dataclasses.replace(flt.default_filters(options), years=(2019, 2019))
    assert [chip.label for chip in share.chips(filters, options, "en")] == ["2019"]


def test_a_filter_added_to_the_registry_gets_its_chip_with_no_other_edit(options) -> None:
    """A new entry that uses a widget the registry already knows: its chip comes from its declaration alone."""
    new = flt.GlobalFilter(
        key="lane",
        field="lanes",
        label_key="companies",
        widget="multiselect",
        default=lambda options: (),
        parse=lambda raw, options, lang: ((raw,), None),
        write=lambda value, options: ",".join(value) or None,
        keeps=lambda frame, columns, value, options: frame[columns[0]].isin(value),
        applies_to={"events": ("lane",)},
        choice_label=lambda value, lang, names: value.upper(),
    )
    state = SimpleNamespace(**dataclasses.asdict(flt.default_filters(options)), lanes=("academic",))
    chips = share.chips(state, options, "en", registry=(*flt.REGISTRY, new))
    assert [(chip.key, chip.label, chip.cleared) for chip in chips] == [("lane", "ACADEMIC", ())]


# --------------------------------------------------------------------------- typed years


@pytest.mark.parametrize(
    ("typed", "years"),
    [
        ("2019–2020", (2019, 2020)),
        ("2019-2020", (2019, 2020)),
        (" 2019 — 2020 ", (2019, 2020)),
        ("2019 to 2020", (2019, 2020)),
        ("2019 đến 2020", (2019, 2020)),
        ("2019 2020", (2019, 2020)),
        ("2020-2019", (2019, 2020)),
        ("2019", (2019, 2019)),
        ("２０１９", (2019, 2019)),  # full-width digits, as some keyboards type them
    ],
)
def test_typed_years_are_read(typed: str, years: tuple[int, int], options) -> None:
    assert share.typed_years(typed, options, "en") == share.TypedYears(years)


@pytest.mark.parametrize("typed", ["", "19-20", "2019-", "last year", "2019–2020–2021", "2019,2020", "2019.5"])
def test_bad_typed_years_give_a_message_and_no_years(typed: str, options) -> None:
    every = f"{options.first_year}–{options.last_year}"
    for lang in LANGUAGES:
        read = share.typed_years(typed, options, lang)
        assert read.years is None
        assert read.error == t("typed_years_form", lang, value=typed.strip(), example=every)
        assert every in read.error


def test_typed_years_outside_the_data_are_refused(options) -> None:
    before = options.first_year - 5
    read = share.typed_years(f"{before}-{options.last_year}", options, "vi")
    assert read.years is None
    assert read.error == t(
        "typed_years_outside",
        "vi",
        value=f"{before}–{options.last_year}",
        years=f"{options.first_year}–{options.last_year}",
    )
    assert share.typed_years(str(options.last_year + 1), options, "en").years is None
    assert share.typed_years(f"{options.first_year}-{options.last_year}", options, "en").years == (
        options.first_year,
        options.last_year,
    )


def test_a_long_bad_text_is_cut_in_the_message(options) -> None:
    read = share.typed_years("x" * 300, options, "en")
    assert read.error is not None and "x" * 41 not in read.error and "…" in read.error
