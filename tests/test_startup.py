"""The dashboard starts without loading the language machinery it needs only to analyse."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_the_dashboard_modules_import_no_spacy():
    # Importing spaCy's French language data compiles its tokenizer exceptions (seconds,
    # and memory): a visitor who only reads the shared tables must not wait for it.
    script = (
        "import sys\n"
        "import ui.data, ui.filters, ui.charts, ui.downloads, ui.exports, ui.highlight, "
        "ui.cases_view, ui.uploads, analysis.aggregates, analysis.ocr, analysis.pipeline\n"
        "loaded = sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.'))\n"
        "print(loaded[:5])\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_the_author_words_still_leave_out_stop_words():
    from analysis.ocr import _author_words

    words = _author_words()
    assert "de" not in words and "by" not in words
    assert "groupe" in words


def test_the_command_line_imports_neither_dask_nor_duckdb():
    # Importing distributed takes half a second that a local build would pay for nothing,
    # and DuckDB a third of a second: it serves the dashboard and the corrections, while a
    # build writes its tables with pandas.
    script = ("import sys, analysis.__main__, analysis.pipeline, analysis.corrections\n"
              "print(sorted(m for m in ('dask', 'distributed', 'duckdb') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]", done.stdout
