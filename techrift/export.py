"""Writers for what users download: CSV and Excel, safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas; numbers are left as numbers."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so Excel reads the accents right), formula-safe, whole numbers written whole.

    Rows end in CRLF (RFC 4180), which also makes the writer quote any cell holding a lone carriage return.
    """
    return spreadsheet_safe(as_written(frame)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


MAX_COLUMN_WIDTH = 60  # characters: a summary column wider than this wraps instead of pushing the rest away


def to_excel_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One .xlsx workbook with a sheet per table, formula-safe, whole numbers written whole."""
    from openpyxl.utils import get_column_letter  # only when a workbook is asked for: pages import this module

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            plain = frame.copy()
            for column in plain.columns:
                if isinstance(plain[column].dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(
                    plain[column]
                ):
                    plain[column] = plain[column].dt.strftime("%Y-%m-%d")
            safe = spreadsheet_safe(as_written(plain))
            safe.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"  # the header stays in view
            for number, column in enumerate(safe.columns, start=1):
                longest = max([len(str(column)), *(len(str(value)) for value in safe[column].head(200))])
                sheet.column_dimensions[get_column_letter(number)].width = min(max(longest + 2, 8), MAX_COLUMN_WIDTH)
    return buffer.getvalue()


def as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers as the data's CSV files write them ('300000000', not '300000000.0'): a column of floats that are
    all whole (pandas reads a column with a gap as floats) becomes whole numbers with gaps."""
    written = frame.copy()
    for column in written.columns:
        values = written[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            written[column] = values.astype("Int64")
    return written


def dataset_tables(dataset) -> dict[str, pd.DataFrame]:
    """The dataset's tables as published (derived columns dropped), by name; the writers write numbers as the data's
    CSV files do (as_written)."""
    from techrift import schema

    return {
        name: _booleans_as_written(getattr(dataset, name)[list(model.to_schema().columns)])
        for name, model in schema.TABLES.items()
        if name != "evidence" or dataset.evidence_given  # data before evidence existed is published without it
    }


def _booleans_as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """true/false columns as the data's CSV files write them ('true', not 'True'), so that a package validates."""
    written = frame.copy()
    for column in written.columns:
        if pd.api.types.is_bool_dtype(written[column]):
            written[column] = written[column].map({True: "true", False: "false"})
    return written


def dataset_zip(dataset) -> bytes:
    """The data as a package: data/ (every table as a formula-safe CSV, datapackage.json with the version,
    CHANGELOG.md) and seeds/ (the articles the quotes come from), so that the unpacked folder validates."""
    import zipfile

    from techrift import datapackage

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in dataset_tables(dataset).items():
            archive.writestr(f"data/{name}.csv", to_csv_bytes(frame))
        absent: dict[str, set[str] | None] = {} if dataset.evidence_given else {"evidence": None}
        archive.writestr("data/datapackage.json", datapackage.render(dataset.release, absent))
        archive.writestr(f"data/{datapackage.CHANGELOG}", dataset.changelog)
        seed_files = dict(zip(dataset.sources["source_id"], dataset.sources["seed_file"]))
        for source_id, text in dataset.seed_texts.items():
            archive.writestr(seed_files[source_id], text)
    return buffer.getvalue()


def about_sheet(dataset) -> pd.DataFrame:
    """What a workbook of the data is: its version and the day the data is as of."""
    return pd.DataFrame(
        {
            "field": ["dataset", "version", "data_as_of"],
            "value": ["TechRift", dataset.release.version, dataset.release.data_as_of],
        }
    )


def dataset_excel(dataset) -> bytes:
    """Every table as a sheet of one Excel workbook, formula-safe, with an 'about' sheet naming the version."""
    return to_excel_bytes({"about": about_sheet(dataset), **dataset_tables(dataset)})


def versioned(file_name: str, version: str) -> str:
    """A download's file name with the data version it was made from: 'techrift-flows-data-2.0.0.csv'."""
    stem, dot, suffix = file_name.rpartition(".")
    return f"{stem}-data-{version}.{suffix}" if dot else f"{file_name}-data-{version}"
