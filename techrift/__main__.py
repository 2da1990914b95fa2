"""Command line: `python -m techrift validate [DATA_DIR]`, `datapackage [--check]`, `briefing --out FILE.html`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from techrift import data, datapackage


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else data.default_data_dir()
    checked = data.check_folder(data_dir)
    if checked.dataset is None:
        for problem in checked.problems:
            print(problem)
        print(f"{len(checked.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    dataset = checked.dataset
    counts = ", ".join(f"{len(getattr(dataset, name))} {name}" for name in data.table_names())
    print(f"data OK ({data_dir}), version {dataset.release.version}: {counts}")
    for warning in checked.warnings:
        print(f"warning: {warning}")
    return 0


def _datapackage(args: argparse.Namespace) -> int:
    files = datapackage.generated(data.default_data_dir())
    if args.check:
        stale = [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(
                f"{path} is out of date with techrift/schema.py and data/CHANGELOG.md; run: python -m techrift datapackage",
                file=sys.stderr,
            )
        if not stale:
            print(f"{', '.join(str(path) for path in files)}: up to date")
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


# The address `streamlit run dashboard.py` serves the app at: a briefing written from the command line on the
# presenter's machine links back to that machine's app unless told the public address.
DEFAULT_APP_URL = "http://localhost:8501/"


def _app_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"not an http(s) address: {value!r}")
    return value if value.endswith("/") else value + "/"


def _briefing(args: argparse.Namespace) -> int:
    from techrift import briefing

    data_dir = data.default_data_dir()
    try:
        dataset = data.load_dataset(data_dir)
    except data.DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    out = Path(args.out)
    out.write_text(briefing.export_html(dataset, data_dir, args.lang, args.app_url), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB, {len(briefing.STEPS)} steps, opens with no network)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m techrift", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data folder and list every problem")
    validate.add_argument("data_dir", nargs="?", help="data folder (default: $TECHRIFT_DATA_DIR or ./data)")
    validate.set_defaults(run=_validate)
    package = commands.add_parser("datapackage", help="write data/datapackage.json from the schema")
    package.add_argument("--check", action="store_true", help="only check that the committed file is current")
    package.set_defaults(run=_datapackage)
    export = commands.add_parser("briefing", help="write the briefing as one self-contained HTML file")
    export.add_argument("--out", required=True, help="HTML file to write")
    export.add_argument("--lang", choices=["en", "vi"], default="en", help="language of the briefing")
    export.add_argument(
        "--app-url",
        type=_app_url,
        default=DEFAULT_APP_URL,
        help=f"the live app's address, which each slide links back to (default: {DEFAULT_APP_URL})",
    )
    export.set_defaults(run=_briefing)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
