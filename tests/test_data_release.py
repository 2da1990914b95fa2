"""A data release passes the tests unchanged: on a copy of the shipped data, one valid event dated a year after the
data's last is added exactly as data/README.md says (its source, its Vietnamese text, a vocabulary row for its new
label, a new CHANGELOG version, `python -m techrift datapackage`); then `validate` passes, the checks of the shipped
data pass on the copy, and the quick loop passes on a copy of the project whose data/ is the release.

Slow: each step is a process of its own, and the last runs the quick loop."""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from data_folders import ROOT, SHIPPED_DATA, copy_data

from techrift.data import DATA_DIR_ENV, load_dataset
from techrift.datapackage import Release, read_release

pytestmark = pytest.mark.slow

EVENT_ID = "release-test-new-partnership"
SOURCE_ID = "release-test-source"
COUNTERPART = "Release Test Institute of Technology"
# Columns that data 3.0.0 adds (TEAM.md), with the value a plain new event has; used only where the header has them.
NEW_COLUMN_VALUES = {"rollup": "false"}


def _append_row(path: Path, row: dict[str, str]) -> None:
    """Add a row at the end of a table, in its header's column order, quoted as the csv module quotes."""
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    values = {**{column: NEW_COLUMN_VALUES.get(column, "") for column in header}, **row}
    unknown = set(values) - set(header)
    assert not unknown, f"{path.name} has no columns {unknown}: the release steps below need updating"
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([values[column] for column in header])
    path.write_text(text + ("" if text.endswith("\n") else "\n") + line.getvalue(), encoding="utf-8")


def _next_minor(release: Release) -> Release:
    major, minor, _patch = (int(part) for part in release.version.split("."))
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    return Release(f"{major}.{minor + 1}.0", max(today, release.data_as_of))


def release_one_event(data_dir: Path, year: int) -> Release:
    """Add one event dated `year` the way data/README.md says, and return the new release."""
    read_on = datetime.datetime.now(datetime.UTC).date().isoformat()
    # 1. the page that states the fact, in sources.csv
    _append_row(
        data_dir / "sources.csv",
        {
            "source_id": SOURCE_ID,
            "kind": "reporting",
            "publisher": "Release Test Daily",
            "publisher_vi": "Release Test Daily",
            "outlet": "Release Test Daily",
            "title": f"Huawei and a Russian institute sign a research agreement in {year}",
            "url": "https://example.org/release-test",
            "published": f"{year}-03-02",
            "accessed": read_on,
            "language": "en",
        },
    )
    # 2. the row, citing its source; 3. dated to the month, as precisely as the source says
    _append_row(
        data_dir / "events.csv",
        {
            "event_id": EVENT_ID,
            "date": f"{year}-03",
            "date_precision": "month",
            "company": "Huawei",
            "counterpart": COUNTERPART,
            "identification": "named",
            "country": "Russia",
            "category": "partnership",
            "title_en": "Huawei signs a research agreement with a Russian institute",
            "summary_en": f"In March {year} Huawei signed a research agreement with the institute.",
            "title_vi": "Huawei ký thỏa thuận nghiên cứu với một viện của Nga",
            "summary_vi": f"Tháng 3/{year}, Huawei đã ký thỏa thuận nghiên cứu với viện này.",
            "source_ids": SOURCE_ID,
        },
    )
    # a new label: its Vietnamese form in vocabulary.csv
    _append_row(data_dir / "vocabulary.csv", {"en": COUNTERPART, "vi": "Viện Công nghệ Release Test"})
    # the sentence that states it, where the data keeps evidence (data 3.0.0, TEAM.md's evidence contract)
    if (data_dir / "evidence.csv").is_file():
        _append_row(
            data_dir / "evidence.csv",
            {
                "record_table": "events",
                "record_id": EVENT_ID,
                "source_id": SOURCE_ID,
                "excerpt": f"In March {year} Huawei signed a research agreement with the institute.",
                "excerpt_lang": "en",
                "read_on": read_on,
            },
        )
    # 5. a new version in CHANGELOG.md, newest first; then `python -m techrift datapackage`
    changelog = data_dir / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    release = _next_minor(read_release(data_dir))
    first_heading = re.search(r"^## ", text, re.MULTILINE)
    assert first_heading is not None
    entry = f"## {release.version} — {release.data_as_of}\n\n- **{EVENT_ID}**: a new event, dated {year}.\n\n"
    changelog.write_text(text[: first_heading.start()] + entry + text[first_heading.start() :], encoding="utf-8")
    assert read_release(data_dir) == release
    return release


def _run(command: list[str], data_dir: Path | None, cwd: Path = ROOT, timeout: float = 600) -> str:
    env = dict(os.environ)
    env.pop(DATA_DIR_ENV, None)
    if data_dir is not None:
        env[DATA_DIR_ENV] = str(data_dir)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Release, int]:
    """A copy of the shipped data with one event a year after its last, released: (data folder, release, year)."""
    data_dir = copy_data(SHIPPED_DATA, tmp_path_factory.mktemp("release"))
    shipped = load_dataset(SHIPPED_DATA)
    year = int(max(shipped.events["year_start"].max(), shipped.flows["year"].max())) + 1
    release = release_one_event(data_dir, year)
    _run([sys.executable, "-m", "techrift", "datapackage"], data_dir)
    return data_dir, release, year


def test_the_release_validates_with_its_new_version_and_year(released: tuple[Path, Release, int]) -> None:
    data_dir, release, year = released
    summary = _run([sys.executable, "-m", "techrift", "validate", str(data_dir)], None).splitlines()[0]
    assert summary.startswith("data OK") and f"version {release.version}" in summary
    dataset = load_dataset(data_dir)
    assert dataset.release == release
    new = dataset.events.set_index("event_id").loc[EVENT_ID]
    assert new["year_start"] == year and new["title_vi"]
    assert '"version": "' + release.version + '"' in (data_dir / "datapackage.json").read_text(encoding="utf-8")


def test_the_checks_of_the_shipped_data_pass_on_the_release(released: tuple[Path, Release, int]) -> None:
    data_dir, release, year = released
    output = _run(
        [sys.executable, "-m", "pytest", "tests/test_shipped_data.py", "-m", "not slow", "-q", "-s"]
        + ["-p", "no:cacheprovider", "-n", "0"],
        data_dir,
    )
    # the checks read the copy (they print what they checked), not data/
    assert f"shipped data checked: {data_dir} version {release.version} years " in output
    assert re.search(rf"years \d{{4}}-{year}\b", output), output[-2000:]


def test_the_quick_loop_passes_on_a_project_whose_data_is_the_release(
    released: tuple[Path, Release, int], tmp_path: Path
) -> None:
    data_dir, release, _year = released
    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"),
    )
    shutil.rmtree(project / "data")
    shutil.copytree(data_dir, project / "data")
    assert read_release(project / "data") == release
    output = _run(
        [sys.executable, "-m", "pytest", "-m", "not e2e and not slow", "-q", "-x"]
        + ["-p", "no:cacheprovider", "-n", "0", "--deselect", "tests/test_data_release.py"],
        None,
        cwd=project,
        timeout=1200,
    )
    assert re.search(r"\d+ passed", output) and " failed" not in output
