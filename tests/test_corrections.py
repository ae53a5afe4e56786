"""An analyst's corrections (analysis/corrections.py): applied to freshly built tables, found
again after a rebuild that moves the spans, reported when they no longer match, read from and
written to corrections.csv, and refused whole when a file is hostile.

The tables are those of a three-sentence article written for these tests; every expected
value is read off that text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import corrections
from analysis.corrections import CorrectionsError
from analysis.evaluate import score_corrections
from analysis.export import write_tables
from analysis.query import Corpus, Selection, corrections_in_force
from analysis.tables import Tables, make_table

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Ana Mol said France should leave NATO. Greece argued it was isolated. "
        "The Left Bloc wants a referendum on the alliance.")
FIRST = "France should leave NATO"
SECOND = "it was isolated"
THIRD = "The Left Bloc wants a referendum on the alliance."


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def article_tables(text: str = TEXT, *, article_id: str = "a1") -> Tables:
    """The tables the extraction could give the test article (spans found in `text`)."""
    first, second = span(text, FIRST), span(text, SECOND)
    sentence_one, sentence_two = span(text, "Ana Mol said France should leave NATO."), span(
        text, "Greece argued it was isolated.")
    return Tables(
        articles=make_table("articles", [{"article_id": article_id, "title": "Test",
                                          "language": "en", "text": text}]),
        actors=make_table("actors", [
            {"article_id": article_id, "actor": "Ana Mol", "actor_type": "person",
             "role": "MP", "affiliation": "Green Party", "mentions": 1},
            {"article_id": article_id, "actor": "Mol", "actor_type": "organisation",
             "role": "deputy", "affiliation": "", "mentions": 2},
            {"article_id": article_id, "actor": "Greece", "actor_type": "state",
             "mentions": 1},
            {"article_id": article_id, "actor": "France", "actor_type": "state",
             "mentions": 1},
        ]),
        claims=make_table("claims", [
            {"claim_id": f"{article_id}-c001", "article_id": article_id, "sentence_index": 0,
             "start_char": first[0], "end_char": first[1], "speaker": "Mol",
             "speaker_type": "organisation", "cue": "say", "claim_text": FIRST,
             "is_quote": False, "target": "France", "kind": "proposal",
             "nato_stance": "exit"},
            {"claim_id": f"{article_id}-c002", "article_id": article_id, "sentence_index": 1,
             "start_char": second[0], "end_char": second[1], "speaker": "Greece",
             "speaker_type": "state", "cue": "argue", "claim_text": SECOND,
             "is_quote": False, "target": "", "kind": "assessment", "nato_stance": "none"},
        ]),
        case_mentions=make_table("case_mentions", [
            {"article_id": article_id, "sentence_index": 0, "start_char": sentence_one[0],
             "end_char": sentence_one[1], "country": "France", "year": None,
             "action": "leave_alliance_proposal", "leader": "Ana Mol", "case_id": "",
             "evidence": "Ana Mol said France should leave NATO."},
            {"article_id": article_id, "sentence_index": 1, "start_char": sentence_two[0],
             "end_char": sentence_two[1], "country": "Greece", "year": 1974,
             "action": "withdraw_integrated_command", "leader": "", "case_id": "",
             "evidence": "Greece argued it was isolated."},
        ]),
        actor_mentions=make_table("actor_mentions", [
            {"article_id": article_id, "sentence_index": 0, "start_char": 0, "end_char": 7,
             "actor": "Ana Mol", "actor_type": "person", "text": "Ana Mol"},
            {"article_id": article_id, "sentence_index": 1, "start_char": text.index("Greece"),
             "end_char": text.index("Greece") + 6, "actor": "Greece", "actor_type": "state",
             "text": "Greece"},
        ]),
    )


def row(tables: Tables, name: str, **values: object) -> dict:
    frame = tables.as_dict()[name]
    for column, value in values.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, values
    return frame.iloc[0].to_dict()


def made(*items: dict) -> pd.DataFrame:
    return corrections.record(corrections.empty(), items)


# --- Applying them ------------------------------------------------------------------------------


def test_a_corrected_speaker_changes_that_row_only_and_marks_it():
    tables = article_tables()
    greece = row(tables, "claims", speaker="Greece")
    applied = corrections.apply(tables.as_dict(), made(
        corrections.correction("claims", greece, "speaker", "Ana Mol", note="misread")))
    claims = applied.tables["claims"]

    assert claims["speaker"].tolist() == ["Mol", "Ana Mol"]
    # the article's actors give the new speaker's type
    assert claims["speaker_type"].tolist() == ["organisation", "person"]
    assert claims["corrected"].tolist() == [False, True]
    assert applied.tables["actors"]["corrected"].tolist() == [False] * 4
    assert applied.resolution.counts() == {"applied": 1, "moved": 0, "holds": 0,
                                           "unmatched": 0}


def test_kind_stance_and_target_follow_and_a_name_the_article_lacks_has_no_type():
    tables = article_tables()
    first = row(tables, "claims", claim_id="a1-c001")
    applied = corrections.apply(tables.as_dict(), made(
        corrections.correction("claims", first, "kind", "prediction"),
        corrections.correction("claims", first, "nato_stance", "stay"),
        corrections.correction("claims", first, "target", ""),
        corrections.correction("claims", first, "speaker", "Rui Tavares")))
    claim = applied.tables["claims"].iloc[0]

    assert (claim["kind"], claim["nato_stance"], claim["target"]) == ("prediction", "stay", "")
    assert (claim["speaker"], claim["speaker_type"]) == ("Rui Tavares", "")


def test_a_rejected_claim_leaves_and_a_missed_one_joins_with_its_sentence():
    tables = article_tables()
    start, end = span(TEXT, THIRD)
    added = corrections.added_claim("a1", start, end, THIRD, "Left Bloc")
    applied = corrections.apply(tables.as_dict(), made(
        corrections.correction("claims", row(tables, "claims", speaker="Greece"), "reject",
                               None),
        added,
        {**corrections.correction("claims", {"article_id": "a1", "start_char": start,
                                             "end_char": end, "claim_text": THIRD,
                                             "kind": "other"}, "kind", "proposal")}))
    claims = applied.tables["claims"]

    assert claims["speaker"].tolist() == ["Mol", "Left Bloc"]
    new = claims.iloc[1]
    assert (new["claim_id"], new["claim_text"], new["start_char"], new["end_char"]) == (
        f"a1-added-{start}", THIRD, start, end)
    assert TEXT[new["start_char"]:new["end_char"]] == THIRD
    # a correction of the added claim applies to it like any other
    assert (new["kind"], new["nato_stance"], new["is_quote"]) == ("proposal", "none", False)
    assert claims["corrected"].tolist() == [False, True]


def test_merging_two_actors_leaves_one_row_per_article_and_renames_them_everywhere():
    tables = article_tables()
    merge = corrections.correction("actors", {"article_id": "a1", "actor": "Mol"}, "actor",
                                   "Ana Mol", every_article=True)
    applied = corrections.apply(tables.as_dict(), made(merge))
    actors = applied.tables["actors"]

    assert actors["actor"].tolist() == ["Ana Mol", "Greece", "France"]
    ana = actors.iloc[0]
    # the first row's type and party, the roles of both, the mentions added up
    assert (ana["actor_type"], ana["affiliation"], ana["role"], ana["mentions"]) == (
        "person", "Green Party", "MP; deputy", 3)
    assert actors["corrected"].tolist() == [True, False, False]
    assert applied.tables["claims"]["speaker"].tolist() == ["Ana Mol", "Greece"]
    assert applied.tables["claims"]["corrected"].tolist() == [True, False]
    assert merge["article_id"] == "" and merge["start_char"] is None


def test_an_actor_is_retyped_given_a_party_or_rejected_with_its_mentions():
    tables = article_tables()
    greece = {"article_id": "a1", "actor": "Greece", "actor_type": "state",
              "affiliation": ""}
    applied = corrections.apply(tables.as_dict(), made(
        corrections.correction("actors", greece, "actor_type", "organisation"),
        corrections.correction("actors", greece, "affiliation", "EU"),
        corrections.correction("actors", {"article_id": "a1", "actor": "Ana Mol"}, "reject",
                               None)))
    actors = applied.tables["actors"].set_index("actor")

    assert actors.loc["Greece", ["actor_type", "affiliation"]].tolist() == ["organisation",
                                                                           "EU"]
    assert "Ana Mol" not in actors.index
    assert applied.tables["actor_mentions"]["actor"].tolist() == ["Greece"]
    assert applied.tables["actor_mentions"]["actor_type"].tolist() == ["organisation"]


def test_a_case_mention_takes_a_year_a_country_or_is_rejected():
    tables = article_tables()
    france = row(tables, "case_mentions", country="France")
    greece = row(tables, "case_mentions", country="Greece")
    applied = corrections.apply(tables.as_dict(), made(
        corrections.correction("case_mentions", france, "year", "2026"),
        corrections.correction("case_mentions", france, "leader", ""),
        corrections.correction("case_mentions", greece, "reject", None)))
    cases = applied.tables["case_mentions"]

    assert cases[["country", "year", "leader", "corrected"]].values.tolist() == [
        ["France", 2026, "", True]]
    assert str(cases["year"].dtype) == "Int64"


def test_a_rebuild_that_moves_the_spans_finds_the_rows_again():
    before = article_tables()
    claim = row(before, "claims", speaker="Greece")
    mention = row(before, "case_mentions", country="Greece")
    wanted = made(corrections.correction("claims", claim, "speaker", "Ana Mol"),
                  corrections.correction("case_mentions", mention, "year", "1975"))
    # the same article read again with a heading: every offset moves by 12 characters
    after = article_tables("Greek views\n" + TEXT)

    applied = corrections.apply(after.as_dict(), wanted)

    assert applied.tables["claims"]["speaker"].tolist() == ["Mol", "Ana Mol"]
    assert applied.tables["case_mentions"]["year"].tolist()[1] == 1975
    assert applied.resolution.frame["status"].tolist() == ["moved", "moved"]


def test_corrections_that_no_longer_match_are_reported_not_dropped_or_misapplied():
    tables = article_tables()
    greece = row(tables, "claims", speaker="Greece")
    first = row(tables, "claims", claim_id="a1-c001")
    wanted = made(
        corrections.correction("claims", greece, "speaker", "Ana Mol"),
        corrections.correction("claims", first, "kind", "accusation"),
        corrections.correction("claims", first, "nato_stance", "stay"),
        {**corrections.correction("claims", greece, "kind", "other"), "article_id": "gone"},
        corrections.correction("actors", {"article_id": "a1", "actor": "Bo Lund"}, "actor_type",
                               "person"))
    rebuilt = article_tables()
    claims = rebuilt.claims
    claims.loc[claims["speaker"] == "Greece", "claim_text"] = "it felt isolated"  # row gone
    claims.loc[0, "kind"] = "prediction"        # neither the old value nor the new one
    claims.loc[0, "nato_stance"] = "stay"       # what the analyst said: it holds

    applied = corrections.apply(rebuilt.as_dict(), wanted)

    assert applied.tables["claims"]["kind"].tolist() == ["prediction", "assessment"]
    assert applied.tables["claims"]["speaker"].tolist() == ["Mol", "Greece"]
    assert applied.resolution.frame["status"].tolist() == [
        "unmatched", "unmatched", "holds", "unmatched", "unmatched"]
    message = applied.resolution.message()
    assert message.startswith("4 corrections no longer match: ")
    assert "no such row in the article any more" in message
    assert "kind is now 'prediction'" in message
    assert "the tables hold no article gone" in message
    assert "no such actor any more" in message
    assert "4 no longer match" in applied.summary()


def test_setting_a_value_back_undoes_its_correction():
    tables = article_tables()
    greece = row(tables, "claims", speaker="Greece")
    once = made(corrections.correction("claims", greece, "speaker", "Ana Mol"))
    twice = corrections.record(once, [corrections.correction("claims", greece, "speaker",
                                                             "France")])
    back = corrections.record(twice, [corrections.correction("claims", greece, "speaker",
                                                             "Greece")])

    assert twice["new_value"].tolist() == ["France"] and twice["old_value"].tolist() == [
        "Greece"]
    assert back.empty


def test_an_edit_that_cannot_be_used_is_refused_with_its_reason():
    greece = row(article_tables(), "claims", speaker="Greece")

    with pytest.raises(CorrectionsError) as refused:
        made(corrections.correction("claims", greece, "kind", "other",
                                    note="see <a href='x'>here</a>"))
    assert str(refused.value) == "the note holds HTML markup; notes are plain text"
    with pytest.raises(CorrectionsError, match="^new_value is empty: a speaker is needed$"):
        made(corrections.correction("claims", greece, "speaker", "  "))


def test_values_holding_sql_are_data():
    tables = article_tables()
    hostile = "x'); DROP TABLE claims; --"
    applied = corrections.apply(tables.as_dict(), made(corrections.correction(
        "claims", row(tables, "claims", speaker="Greece"), "speaker", hostile)))

    assert applied.tables["claims"]["speaker"].tolist() == ["Mol", hostile]


def test_a_session_opened_where_corrections_are_in_force_applies_them():
    tables = article_tables()
    wanted = made(corrections.correction("claims", row(tables, "claims", speaker="Greece"),
                                         "speaker", "Ana Mol"))
    corpus = Corpus(frames=tables.as_dict())
    with corrections_in_force(wanted), corpus.session() as session:
        corrected = session.table("claims", Selection(), where={"speaker": ["Ana Mol"]})
    with corpus.session() as plain:
        assert "corrected" not in plain.table("claims").columns

    assert corrected["claim_text"].tolist() == [SECOND]


# --- The file -----------------------------------------------------------------------------------


def test_the_csv_reads_back_as_written_formula_cells_and_all(tmp_path):
    claim = row(article_tables(), "claims", speaker="Greece")
    wanted = made(corrections.correction("claims", claim, "speaker", "@Ana", note="-sure"),
                  corrections.correction("actors", {"article_id": "a1", "actor": "=cmd|"},
                                         "actor", "Ana Mol", every_article=True))
    path = tmp_path / "corrections.csv"

    corrections.write_file(wanted, path)
    data = path.read_bytes()

    assert data.startswith(b"table,article_id,start_char,end_char,anchor,field,old_value,"
                           b"new_value,note,created\r\n")
    assert b",'@Ana,'-sure," in data and b",'=cmd|," in data
    pd.testing.assert_frame_equal(corrections.read_file(path), wanted)
    assert [name for name in os.listdir(tmp_path)] == ["corrections.csv"]  # no temporary left


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "corrections.csv"
    old = made(corrections.correction("claims", row(article_tables(), "claims",
                                                    speaker="Greece"), "kind", "other"))
    corrections.write_file(old, path)
    before = path.read_bytes()

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(corrections.os, "replace", broken)
    with pytest.raises(OSError):
        corrections.write_file(corrections.empty(), path)

    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["corrections.csv"]


HEADER = ",".join(corrections.COLUMNS)
GOOD = 'claims,a1,39,54,it was isolated,speaker,Greece,Ana Mol,,2026-12-02T10:00:00Z'


@pytest.mark.parametrize("data, said", [
    ("table,article,field\r\nclaims,a1,speaker\r\n",
     "the header lacks article_id, start_char"),
    (HEADER + ",extra\r\n" + GOOD + ",x\r\n", "has unknown columns 'extra'"),
    ("", "the file is empty"),
    (HEADER + "\r\n" + GOOD + ",too,many\r\n", "line 2 has 12 cells, the header 10"),
    (HEADER + "\r\n" + GOOD.replace("Ana Mol", "=HYPERLINK(\"http://x\")") + "\r\n",
     "line 2: new_value starts with '=', which a spreadsheet runs as a formula"),
    (HEADER + "\r\n" + GOOD.replace("claims,", "votes,", 1) + "\r\n",
     "line 2: table 'votes' is not one of claims, actors, case_mentions"),
    (HEADER + "\r\n" + GOOD.replace("speaker", "speeker", 1) + "\r\n",
     "line 2: field 'speeker' is not a field of claims"),
    (HEADER + "\r\n" + GOOD.replace(",,2026", ",<script>alert(1)</script>,2026") + "\r\n",
     "line 2: the note holds HTML markup"),
    (HEADER + "\r\n" + GOOD.replace("39,54", "54,39") + "\r\n",
     "line 2: start_char and end_char must be whole numbers"),
    (HEADER + "\r\n" + GOOD.replace("39", "-39") + "\r\n",
     "line 2: start_char '-39' is not a whole number"),
    (HEADER + "\r\n" + GOOD.replace("speaker,Greece,Ana Mol", "kind,other,maybe") + "\r\n",
     "line 2: kind 'maybe' is not one of accusation"),
    (HEADER + "\r\n" + GOOD + "\r\n" + GOOD + "\r\n",
     "lines 2 and 3 correct the same field (speaker) of the same row"),
    (HEADER + "\r\nactors,,,,A,actor,A,B,,\r\nactors,,,,B,actor,B,A,,\r\n",
     "the merges of 'A' go round in a circle"),
    (HEADER + "\r\n" + GOOD.replace("2026-12-02T10:00:00Z", "yesterday") + "\r\n",
     "line 2: created 'yesterday' is not a date and time"),
])
def test_a_hostile_file_is_refused_whole_with_one_message(data, said):
    with pytest.raises(CorrectionsError) as refused:
        corrections.read_csv(data.encode("utf-8"))

    assert said in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_huge_file_or_too_many_rows_or_binary_is_refused_unread():
    with pytest.raises(CorrectionsError, match="the file is 5.0 MB: corrections files are "
                                               "taken up to 5 MB"):
        corrections.read_csv(b"x" * (corrections.MAX_FILE_BYTES + 1))
    many = HEADER + "\r\n" + "\r\n".join([GOOD] * (corrections.MAX_CORRECTIONS + 1))
    with pytest.raises(CorrectionsError, match="10,001 corrections: at most 10,000"):
        corrections.read_csv(many.encode())
    with pytest.raises(CorrectionsError, match="binary"):
        corrections.read_csv(b"table\x00\x01\x02")
    with pytest.raises(CorrectionsError, match="not UTF-8"):
        corrections.read_csv(HEADER.encode() + b"\r\n\xff\xfe")


def test_sentences_of_the_reader_are_trimmed_spans_of_the_text():
    text = "Title line\n\nAna said so. Bo asked “why?” Then left…\nLast one"
    spans = corrections.sentence_spans(text)

    assert [sentence for _, _, sentence in spans] == [
        "Title line", "Ana said so.", "Bo asked “why?”", "Then left…", "Last one"]
    assert all(text[start:end] == sentence for start, end, sentence in spans)


# --- Command line and evaluation ----------------------------------------------------------------


def test_evaluate_scores_the_raw_tables_by_the_rows_the_analyst_checked(tmp_path, capsys):
    from analysis import evaluate

    tables = article_tables()
    write_tables(tables.as_dict(), tmp_path / "tables", fmt="parquet")
    first = row(tables, "claims", claim_id="a1-c001")
    greece = row(tables, "claims", speaker="Greece")
    start, end = span(TEXT, THIRD)
    corrections.write_file(made(
        corrections.correction("claims", first, "speaker", "Ana Mol"),
        corrections.correction("claims", first, "reviewed", None),
        corrections.correction("claims", greece, "reject", None),
        corrections.added_claim("a1", start, end, THIRD, "Left Bloc"),
        corrections.correction("case_mentions", row(tables, "case_mentions", country="France"),
                               "year", "2026"),
    ), tmp_path / "corrections.csv")

    status = evaluate.main(["--corrections", str(tmp_path / "corrections.csv"),
                            str(tmp_path / "tables")])
    printed = capsys.readouterr().out.splitlines()
    scores = score_corrections(tmp_path / "tables", corrections.read_file(
        tmp_path / "corrections.csv"))
    by_field = {(score.table, score.field): (score.checked, score.errors)
                for score in scores.fields}

    assert status == 0
    assert printed[0] == "corrections: 5 (5 match the tables, 0 no longer match)"
    # two claims seen: the reviewed one (speaker wrong, the rest right), the rejected one
    assert by_field["claims", "is a claim"] == (2, 1)
    assert by_field["claims", "speaker"] == (1, 1)
    assert by_field["claims", "kind"] == (1, 0)
    # the case mention was only corrected in its year: it counts for the year alone
    assert by_field["case_mentions", "year"] == (1, 1)
    assert by_field["case_mentions", "country"] == (0, 0)
    assert by_field["actors", "is an actor"] == (0, 0)
    assert scores.added == 1
    assert "claims          speaker              1      1    0.000" in printed
    assert printed[-1] == "claims added by hand (missed by the extraction): 1"


def test_evaluate_refuses_corrected_tables(tmp_path):
    tables = article_tables()
    wanted = made(corrections.correction("claims", row(tables, "claims", speaker="Greece"),
                                         "kind", "other"))
    write_tables(corrections.apply(tables.as_dict(), wanted).tables, tmp_path, fmt="parquet")

    with pytest.raises(ValueError, match="holds corrected tables"):
        score_corrections(tmp_path, wanted)


def test_build_writes_corrected_tables_and_reports_what_no_longer_matches(tmp_path):
    # The bundled article: Greece "argued it had been left isolated within the Alliance".
    sample = ROOT / "data" / "articles" / "lfi-nato-exit.txt"
    text = sample.read_text(encoding="utf-8")
    start, end = span(text, "it had been left isolated within the Alliance")
    lines = [HEADER,
             f"claims,lfi-nato-exit,{start},{end},it had been left isolated within the "
             "Alliance,speaker,Greece,Konstantinos Karamanlis,Athens spoke,"
             "2026-12-02T10:00:00Z",
             "claims,lfi-nato-exit,1,5,no such claim,kind,other,proposal,,"]
    (tmp_path / "corrections.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-m", "analysis", "build", str(sample), "--out",
         str(tmp_path / "out"), "--quiet", "--workers", "1", "--cache-dir",
         str(tmp_path / "cache"), "--corrections", str(tmp_path / "corrections.csv")],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    claims = pd.read_csv(tmp_path / "out" / "claims.csv", keep_default_na=False)

    assert done.returncode == 0, done.stderr
    assert "corrections: 1 applied, 1 no longer match" in done.stderr
    assert "1 correction no longer matches: claims lfi-nato-exit 1-5" in done.stderr
    corrected = claims[claims["corrected"]]
    assert corrected["speaker"].tolist() == ["Konstantinos Karamanlis"]
    assert "Greece" not in set(claims["speaker"])
    for table in ("actors", "case_mentions", "actor_mentions"):
        header = (tmp_path / "out" / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.endswith(",corrected"), table


def test_build_with_a_missing_or_hostile_corrections_file_stops_before_reading(tmp_path):
    (tmp_path / "bad.csv").write_text("table,article\r\nclaims,a\r\n", encoding="utf-8")
    for given, said in ((tmp_path / "none.csv", "no such corrections file"),
                        (tmp_path / "bad.csv", "the header lacks")):
        done = subprocess.run(
            [sys.executable, "-m", "analysis", "build", str(ROOT / "data" / "articles"),
             "--out", str(tmp_path / "out"), "--quiet", "--corrections", str(given)],
            cwd=ROOT, capture_output=True, text=True, timeout=300)

        assert done.returncode == 2
        assert done.stderr.startswith("error: ") and said in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "out").exists()


# --- The zip --------------------------------------------------------------------------------


def test_the_zip_of_a_corrected_view_holds_corrections_csv_and_validates(tmp_path):
    import io
    import zipfile

    import frictionless

    from analysis.datapackage import package_zip
    from analysis.reference import load_cases
    from ui.exports import export_view

    tables = article_tables()
    wanted = made(corrections.correction("claims", row(tables, "claims", speaker="Greece"),
                                         "speaker", "Ana Mol", note="=see p. 2"))
    with Corpus(frames=tables.as_dict()).session(corrections=wanted) as session:
        exported = export_view(session, Selection(), load_cases())
    data = package_zip(exported, filters={})
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    fields = {resource["name"]: [item["name"] for item in resource["schema"]["fields"]]
              for resource in descriptor["resources"]}

    assert fields["corrections"] == corrections.COLUMNS
    assert fields["claims"][-2:] == ["corrected", "speaker_affiliation"]
    assert "corrected" in fields["actors"] and "corrected" in fields["actor_mentions"]
    assert frictionless.validate(tmp_path / "datapackage.json").valid
    assert corrections.read_file(tmp_path / "corrections.csv")["note"].tolist() == [
        "=see p. 2"]
    claims = pd.read_csv(tmp_path / "claims.csv", keep_default_na=False)
    assert claims.loc[claims["corrected"], "speaker"].tolist() == ["Ana Mol"]


def test_a_later_session_reusing_a_resolution_shows_the_same_tables():
    tables = article_tables()
    start, end = span(TEXT, THIRD)
    wanted = made(
        corrections.correction("claims", row(tables, "claims", speaker="Greece"), "speaker",
                               "Ana Mol"),
        corrections.correction("actors", {"article_id": "a1", "actor": "Mol"}, "actor",
                               "Ana Mol", every_article=True),
        corrections.added_claim("a1", start, end, THIRD, "Left Bloc"))
    corpus = Corpus(frames=tables.as_dict())
    with corpus.session(corrections=wanted) as first:
        resolved = first.resolution
        expected = {name: first.table(name) for name in corrections.CORRECTED_TABLES}
    with corpus.session() as later:
        reused = later.correct(wanted, reuse=resolved)
        for name, frame in expected.items():
            pd.testing.assert_frame_equal(later.table(name), frame, obj=name)

    assert reused is resolved
    assert expected["claims"]["speaker"].tolist() == ["Ana Mol", "Ana Mol", "Left Bloc"]


def test_results_remembered_for_one_set_of_corrections_serve_only_that_set():
    tables = article_tables()
    wanted = made(corrections.correction("claims", row(tables, "claims", speaker="Greece"),
                                         "speaker", "Ana Mol"))
    other = made(corrections.correction("claims", row(tables, "claims", speaker="Greece"),
                                        "speaker", "Left Bloc"))
    corpus = Corpus(frames=tables.as_dict())

    def speakers(**given):
        with corpus.session(**given) as session:
            return session.values("claims", "speaker")

    plain = speakers()
    assert "Greece" in plain and "Ana Mol" in speakers(corrections=wanted)
    assert "Left Bloc" in speakers(corrections=other)
    assert speakers() == plain
    assert "Ana Mol" not in speakers(corrections=other)
