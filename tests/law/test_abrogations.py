"""The abrogation list of décret 2023-1275: its parser, its evidence in the snapshots, its effect on the corpus."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from acquis.law.history import HistoryError, merge_sources
from acquis.law.parsing.abrogations import parse_abrogations
from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.legi_data import parse_legi_data

DECREE = "abrogations/decret-2023-1275.yaml"


@pytest.fixture(scope="module")
def listed(data_dir):
    return parse_abrogations(data_dir / DECREE)


@pytest.fixture(scope="module")
def snapshots(data_dir):
    def in_force(name):
        source = parse_legi_data(data_dir / "legi-data" / name)
        return {r.number: r for r in source.versions if r.text is not None}

    return in_force("code-du-travail-6e-partie-2023-02-17.json.gz"), in_force(
        "code-du-travail-6e-partie-2026-03-27.json.gz"
    )


def test_every_listed_version_was_in_force_in_2023_and_is_gone_in_2026(listed, snapshots):
    before, after = snapshots
    for record in listed.versions:
        assert before[record.number].legiarti_id == record.legiarti_id
        assert before[record.number].valid_from == record.valid_from
        assert before[record.number].valid_until is None  # open-ended: the snapshot could not know
        assert record.number not in after


def test_the_list_is_every_vae_article_that_vanished_between_the_snapshots(listed, snapshots):
    before, after = snapshots
    vanished = {n for n in set(before) - set(after) if n.startswith(("R641", "R642", "D641", "D642"))}
    assert vanished == {r.number for r in listed.versions}


def test_the_corpus_ends_them_on_2023_12_28(corpus):
    for number in ("R6422-9", "R6422-10", "R6423-3-1"):
        assert corpus.article_at(number, date(2023, 12, 28)) is not None
        assert corpus.article_at(number, date(2023, 12, 29)) is None
    last = corpus.versions_of("R6423-3-1")[-1]
    assert (last.valid_until, last.state) == (date(2023, 12, 29), "ABROGE")
    assert last.text is not None and "collectif" in last.text.casefold()  # the text still comes from the snapshot
    assert corpus.versions_of("R6421-1")[-1].state == "TRANSFERE"


def test_an_end_for_a_version_no_source_gives_is_an_error(listed):
    with pytest.raises(HistoryError, match="no other source gives"):
        merge_sources([listed])


def _write(tmp_path, data):
    path = tmp_path / "abrogations.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


VALID = {
    "text": "Décret",
    "text_id": "JORFTEXT000048679270",
    "published_on": "2023-12-28",
    "valid_until": "2023-12-29",
    "articles": [
        {"number": "R6422-9", "legiarti_id": "LEGIARTI000041771624", "valid_from": "2020-04-01", "state": "ABROGE"}
    ],
}


@pytest.mark.parametrize(
    ("change", "position", "reason"),
    [
        ({"text_id": "JORF123"}, "$.text_id", "JORFTEXT"),
        ({"valid_until": "29/12/2023"}, "$.valid_until", "AAAA-MM-JJ"),
        ({"articles": []}, "$.articles", "non vide"),
        ({"articles": [{**VALID["articles"][0], "legiarti_id": "LEGI1"}]}, "$.articles[0].legiarti_id", "LEGIARTI"),
        ({"articles": [{**VALID["articles"][0], "state": "VIGUEUR"}]}, "$.articles[0].state", "VIGUEUR"),
        ({"articles": [{**VALID["articles"][0], "valid_from": "2024-01-01"}]}, "$.articles[0].valid_from", "avant"),
        ({"articles": VALID["articles"] * 2}, "$.articles[1].legiarti_id", "deux fois"),
        ({"articles": ["R6422-9"]}, "$.articles[0]", "objet"),
    ],
)
def test_malformed_lists_name_the_position_and_the_reason(tmp_path, change, position, reason):
    with pytest.raises(LawParseError) as error:
        parse_abrogations(_write(tmp_path, {**VALID, **change}))
    assert error.value.position == position
    assert reason in error.value.reason


def test_missing_keys_and_bad_yaml_are_reported(tmp_path):
    with pytest.raises(LawParseError, match="articles"):
        parse_abrogations(_write(tmp_path, {"text": "Décret"}))
    with pytest.raises(LawParseError) as error:
        parse_abrogations(_write(tmp_path, "text: [unclosed\n"))
    assert error.value.position.startswith("line ")
