"""The zip of all tables carries a `datapackage.json` that describes its CSV files truly:
the `frictionless` validator accepts the package with its rows (and rejects a damaged copy),
pandas reads each file back with the declared types, every column is described and the
allowed values are the contract's."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from analysis import datapackage, lexicon
from analysis.datapackage import DESCRIPTOR, GENERIC_DESCRIPTION, describe, read_resource
from analysis.export import FORMULA_PREFIXES, neutralise_formulas, zip_bytes
from analysis.nlp import pipeline_package
from analysis.reference import load_cases
from analysis.tables import (
    ACTOR_TYPES,
    BOOLEAN_COLUMNS,
    CASE_ACTIONS,
    CLAIM_KINDS,
    INTEGER_COLUMNS,
    NATO_STANCES,
    TABLE_COLUMNS,
    Tables,
    make_table,
)
from ui import downloads
from ui.exports import export_tables

FILTERS = {"speaker": ["Clémence Guetté"], "kind": [], "language": "en"}
HOSTILE_ID = "=1+1"


def hostile_tables() -> Tables:
    """Two articles written for this test: text a spreadsheet would run, markup, an empty
    and a set publication date, a quote, a case mention without a year."""
    text = "-2 is less than =1+1, says <tag>.\r\nLFI wants out."
    articles = make_table("articles", [
        {"article_id": HOSTILE_ID, "title": "<tag>", "source": "-2", "url": "@SUM(A1)",
         "published": "", "language": "en", "n_words": 9, "text_sha256": "", "text": text},
        {"article_id": "plain", "title": "\tTab", "source": "+33 1 23", "url": "",
         "published": "2026-03-01", "language": "fr", "n_words": 1, "text_sha256": "",
         "text": "Retrait."},
    ])
    actors = make_table("actors", [
        {"article_id": HOSTILE_ID, "actor": "=cmd", "actor_type": "person", "role": "-MP",
         "affiliation": "La France Insoumise", "mentions": 2},
    ])
    claims = make_table("claims", [
        {"claim_id": f"{HOSTILE_ID}-c001", "article_id": HOSTILE_ID, "sentence_index": 0,
         "start_char": 0, "end_char": 20, "speaker": "=cmd", "speaker_type": "person",
         "cue": "say", "claim_text": "-2 is less than =1+1", "is_quote": True,
         "target": "<tag>", "kind": "assessment", "nato_stance": "none"},
    ])
    case_mentions = make_table("case_mentions", [
        {"article_id": "plain", "sentence_index": 0, "start_char": 0, "end_char": 7,
         "country": "France", "year": None, "action": "leave_alliance_proposal",
         "leader": "", "case_id": "", "evidence": "@Retrait."},
    ])
    actor_mentions = make_table("actor_mentions", [
        {"article_id": HOSTILE_ID, "sentence_index": 1, "start_char": 35, "end_char": 38,
         "actor": "=cmd", "actor_type": "person", "text": "LFI"},
    ])
    return Tables(articles, actors, claims, case_mentions, actor_mentions)


@pytest.fixture(params=["bundled", "hostile"])
def view(request, sample_tables) -> Tables:
    """The bundled article's tables (as data/tables ships them), or the hostile ones."""
    return sample_tables if request.param == "bundled" else hostile_tables()


def click_overview_download(monkeypatch, tables: Tables, filters=FILTERS) -> dict:
    """The Overview's "Download all tables" button, clicked: what it hands Streamlit."""
    button: dict = {}
    monkeypatch.setattr(downloads.st, "download_button",
                        lambda label, **options: button.update(options, label=label))
    downloads.download_all(lambda: export_tables(tables, load_cases()), filters=filters,
                           key="overview-download-all")
    return {**button, "bytes": button["data"]()}


def extracted(data: bytes, folder: Path) -> tuple[Path, dict]:
    zipfile.ZipFile(io.BytesIO(data)).extractall(folder)
    descriptor_path = folder / DESCRIPTOR
    return descriptor_path, json.loads(descriptor_path.read_text(encoding="utf-8"))


def errors_of(report: frictionless.Report) -> list[tuple]:
    """(table, row, column, error type, note) of each error, the package's own first."""
    found = [(None, None, None, error.type, error.note) for error in report.errors]
    return found + [(task.name, *error) for task in report.tasks
                    for error in task.flatten(["rowNumber", "fieldName", "type", "note"])]


def test_the_overview_zip_holds_the_descriptor_and_every_csv_it_lists(monkeypatch, view):
    button = click_overview_download(monkeypatch, view)
    names = zipfile.ZipFile(io.BytesIO(button["bytes"])).namelist()
    descriptor = json.loads(zipfile.ZipFile(io.BytesIO(button["bytes"])).read(DESCRIPTOR))

    listed = [resource["path"] for resource in descriptor["resources"]]
    assert names == [DESCRIPTOR, *listed]
    assert [resource["name"] for resource in descriptor["resources"]] == list(
        export_tables(view, load_cases()))
    assert button["file_name"] == "nato-exit-tables_speaker-Clemence-Guette_language-en.zip"
    assert button["mime"] == "application/zip"


def test_the_package_and_its_rows_validate(monkeypatch, tmp_path, view):
    path, _ = extracted(click_overview_download(monkeypatch, view)["bytes"], tmp_path)

    report = frictionless.validate(path)

    assert report.valid, errors_of(report)
    exported = export_tables(view, load_cases())
    assert {task.name: task.stats["rows"] for task in report.tasks} == {
        name: len(frame) for name, frame in exported.items()}  # every row was checked


def _rewrite(path: Path, change) -> None:
    """Apply `change` to the rows of a CSV file (header first), written back as exported."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def _damage(folder: Path, table: str, column: str, value: str) -> None:
    """Write `value` into `column` of the first row of `table`.csv."""
    def change(rows: list[list[str]]) -> None:
        rows[1][rows[0].index(column)] = value
    _rewrite(folder / f"{table}.csv", change)


@pytest.mark.parametrize("table, column, value, error", [
    ("claims", "sentence_index", "three", ("sentence_index", "type-error")),
    ("case_mentions", "year", "1966.5", ("year", "type-error")),
    ("claims", "is_quote", "yes", ("is_quote", "type-error")),
    ("articles", "published", "1 March 2026", ("published", "type-error")),
    ("actors", "actor_type", "alien", ("actor_type", "constraint-error")),
    ("claims", "nato_stance", "maybe", ("nato_stance", "constraint-error")),
    ("case_mentions", "action", "invade", ("action", "constraint-error")),
    ("claims", "claim_id", "", (None, "primary-key")),  # a key cannot be missing
])
def test_a_damaged_copy_is_reported_invalid(monkeypatch, tmp_path, sample_tables, table,
                                             column, value, error):
    path, _ = extracted(click_overview_download(monkeypatch, sample_tables)["bytes"], tmp_path)
    assert frictionless.validate(path).valid

    _damage(tmp_path, table, column, value)
    report = frictionless.validate(path)

    assert not report.valid
    assert [(name, field, kind) for name, _, field, kind, _ in errors_of(report)] == [
        (table, *error)]


def test_a_repeated_claim_id_breaks_the_primary_key(monkeypatch, tmp_path, sample_tables):
    path, _ = extracted(click_overview_download(monkeypatch, sample_tables)["bytes"], tmp_path)

    _rewrite(tmp_path / "claims.csv", lambda rows: rows.insert(2, rows[1]))
    report = frictionless.validate(path)

    assert [(name, kind) for name, _, _, kind, _ in errors_of(report)] == [
        ("claims", "primary-key")]


def test_pandas_reads_each_csv_back_with_the_declared_types(monkeypatch, tmp_path, view):
    _, descriptor = extracted(click_overview_download(monkeypatch, view)["bytes"], tmp_path)
    exported = export_tables(view, load_cases())

    for resource in descriptor["resources"]:
        read = read_resource(tmp_path, resource)
        # what was written: text cells a spreadsheet would run carry an apostrophe
        expected = neutralise_formulas(exported[resource["name"]]).reset_index(drop=True)
        if "published" in expected:
            expected["published"] = pd.to_datetime(
                expected["published"].replace("", None), format="%Y-%m-%d"
            ).astype("datetime64[s]")
        pd.testing.assert_frame_equal(read, expected, obj=resource["path"])


def test_hostile_cells_read_back_with_their_apostrophe_and_markup_as_text(monkeypatch,
                                                                          tmp_path):
    _, descriptor = extracted(click_overview_download(monkeypatch, hostile_tables())["bytes"],
                              tmp_path)
    resources = {resource["name"]: resource for resource in descriptor["resources"]}

    articles = read_resource(tmp_path, resources["articles"])
    claims = read_resource(tmp_path, resources["claims"])
    cases = read_resource(tmp_path, resources["case_mentions"])

    assert articles["article_id"].tolist() == ["'=1+1", "plain"]
    assert articles["title"].tolist() == ["<tag>", "'\tTab"]
    assert articles["source"].tolist() == ["'-2", "'+33 1 23"]
    assert articles["n_words"].tolist() == [9, 1]
    assert articles["published"].isna().tolist() == [True, False]
    assert articles.loc[1, "published"] == pd.Timestamp("2026-03-01")
    assert claims.loc[0, "claim_text"] == "'-2 is less than =1+1"
    assert claims["is_quote"].dtype == bool and claims["is_quote"].tolist() == [True]
    assert cases.loc[0, "year"] is pd.NA
    assert "apostrophe" in descriptor["description"]
    assert descriptor["nato_exit:formula_apostrophe"] == {"applied": True,
                                                          "before": list(FORMULA_PREFIXES)}


def test_every_column_of_every_exported_table_is_described(sample_tables):
    exported = export_tables(sample_tables, load_cases())
    described = datapackage.descriptions()["tables"]

    for name, frame in exported.items():
        columns = described[name]["columns"]
        # every contract and export column has words of its own, and no stale ones remain
        assert set(columns) == set(frame.columns) | set(TABLE_COLUMNS[name]), name
        fields = describe({name: frame}, filters={})["resources"][0]["schema"]["fields"]
        assert [item["name"] for item in fields] == list(frame.columns)
        for item in fields:
            assert item["description"] not in ("", GENERIC_DESCRIPTION), (name, item["name"])


def test_allowed_values_are_the_contracts(sample_tables):
    resources = describe(export_tables(sample_tables, load_cases()), filters={})["resources"]
    enums = {(resource["name"], item["name"]): item["constraints"]["enum"]
             for resource in resources for item in resource["schema"]["fields"]
             if "constraints" in item}

    assert enums == {
        ("actors", "actor_type"): list(ACTOR_TYPES),
        ("claims", "speaker_type"): list(ACTOR_TYPES),
        ("claims", "kind"): list(CLAIM_KINDS),
        ("claims", "nato_stance"): list(NATO_STANCES),
        ("case_mentions", "action"): list(CASE_ACTIONS),
        ("actor_mentions", "actor_type"): list(ACTOR_TYPES),
    }
    # speaker_type holds actor types in the data too
    assert set(sample_tables.claims["speaker_type"]) <= set(ACTOR_TYPES)


def test_types_follow_the_contract_and_keys_are_declared(view):
    resources = describe(export_tables(view, load_cases()), filters={})["resources"]

    for resource in resources:
        for item in resource["schema"]["fields"]:
            expected = ("integer" if item["name"] in INTEGER_COLUMNS
                        else "boolean" if item["name"] in BOOLEAN_COLUMNS
                        else "date" if item["name"] == "published" else "string")
            assert item["type"] == expected, (resource["name"], item["name"])
        assert resource["dialect"]["lineTerminator"] == "\r\n"
        assert resource["schema"]["missingValues"] == [""]
    keys = {resource["name"]: resource["schema"].get("primaryKey") for resource in resources}
    assert keys == {"articles": ["article_id"], "actors": ["article_id", "actor"],
                    "claims": ["claim_id"], "case_mentions": None, "actor_mentions": None}


def test_a_published_column_that_is_not_iso_dates_is_text():
    article = dict.fromkeys(TABLE_COLUMNS["articles"], "") | {"n_words": 1}
    articles = make_table("articles", [article | {"article_id": "a", "published": "1 March 2026"},
                                       article | {"article_id": "b", "published": "2026-02-30"}])

    for published in (articles, articles.iloc[[1]]):
        fields = describe({"articles": published}, filters={})["resources"][0]["schema"]
        assert {item["name"]: item["type"] for item in fields["fields"]}["published"] == "string"


def test_a_column_nobody_described_gets_a_generic_field_of_its_dtype():
    claims = make_table("claims", []).assign(
        confidence=pd.Series([], dtype="Float64"), votes=pd.Series([], dtype="Int64"),
        checked=pd.Series([], dtype=bool), note=pd.Series([], dtype=str))

    fields = describe({"claims": claims}, filters={})["resources"][0]["schema"]["fields"]
    extra = {item["name"]: (item["type"], item["description"]) for item in fields[-4:]}

    assert extra == {"confidence": ("number", GENERIC_DESCRIPTION),
                     "votes": ("integer", GENERIC_DESCRIPTION),
                     "checked": ("boolean", GENERIC_DESCRIPTION),
                     "note": ("string", GENERIC_DESCRIPTION)}


def test_the_package_records_when_what_and_with_which_models(monkeypatch, view):
    before = datetime.now(UTC).replace(microsecond=0)
    button = click_overview_download(monkeypatch, view)
    descriptor = json.loads(zipfile.ZipFile(io.BytesIO(button["bytes"])).read(DESCRIPTOR))

    assert descriptor["profile"] == "tabular-data-package"
    created = datetime.fromisoformat(descriptor["created"])
    assert created.tzinfo == UTC and before <= created <= datetime.now(UTC)
    project = tomllib.loads((datapackage.PROJECT_FILE).read_text(encoding="utf-8"))["project"]
    assert descriptor["nato_exit:software"] == {"name": project["name"],
                                                "version": project["version"]}
    assert descriptor["nato_exit:filters"] == {"speaker": ["Clémence Guetté"],
                                               "language": ["en"]}
    languages = sorted(set(view.articles["language"]))
    assert descriptor["nato_exit:models"] == {
        language: dict(zip(["package", "version"], pipeline_package(language)))
        for language in languages}


def test_an_extra_member_may_not_replace_a_table():
    with pytest.raises(ValueError, match="claims.csv"):
        zip_bytes({"claims": make_table("claims", [])}, extra={"claims.csv": b""})


def test_rewording_a_column_leaves_the_analysis_cache_key(tmp_path, monkeypatch):
    copy = tmp_path / "resources"
    shutil.copytree(lexicon.RESOURCES, copy)
    monkeypatch.setattr(lexicon, "RESOURCES", copy)
    digest = lexicon.resources_digest.__wrapped__

    before = digest()
    columns = copy / datapackage.COLUMNS_FILE.relative_to(datapackage.COLUMNS_FILE.parents[1])
    columns.write_text(columns.read_text(encoding="utf-8").replace("Canonical", "Usual"),
                       encoding="utf-8")
    assert digest() == before
    (copy / "aliases.csv").write_text("alias\n", encoding="utf-8")  # a rule file does count
    assert digest() != before
