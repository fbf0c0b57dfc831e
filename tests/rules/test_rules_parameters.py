"""The parameter loader rejects gaps, overlaps and missing sources; lookups never extrapolate."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest
import yaml

from acquis.rules.catalogue import default_registry
from acquis.rules.durations import Duration
from acquis.rules.errors import ParameterFileError, ParameterNotInForce
from acquis.rules.parameters import ParameterSet, load_parameters, parse_parameter_document

SOURCE_A = {
    "article": "R6422-4",
    "legiarti": "LEGIARTI000039330059",
    "valid_from": dt.date(2019, 11, 4),
    "valid_until": dt.date(2023, 12, 28),
    "sentence": "Dans les trente jours calendaires suivant la réception …",
}
SOURCE_B = {
    "article": "R6422-4",
    "legiarti": "LEGIARTI000048721677",
    "valid_from": dt.date(2023, 12, 29),
    "valid_until": None,
    "sentence": "Dans les quinze jours calendaires suivant la réception …",
}
VALID = {
    "test.delay": {
        "description": "answer delay",
        "kind": "calendar_days",
        "values": [
            {
                "valid_from": dt.date(2019, 11, 4),
                "valid_until": dt.date(2023, 12, 28),
                "value": 30,
                "source": SOURCE_A,
            },
            {"valid_from": dt.date(2023, 12, 29), "valid_until": None, "value": 15, "source": SOURCE_B},
        ],
    }
}


def variant(**changes):
    document = copy.deepcopy(VALID)
    for path, value in changes.items():
        index, key = path.split("__")
        document["test.delay"]["values"][int(index[1:])][key] = value
    return document


def rejection(document) -> ParameterFileError:
    with pytest.raises(ParameterFileError) as raised:
        parse_parameter_document(document, "test.yaml")
    return raised.value


def test_valid_document_loads_and_looks_up_by_date():
    (parameter,) = parse_parameter_document(copy.deepcopy(VALID), "test.yaml")
    assert parameter.at(dt.date(2023, 12, 28)).value == Duration.days(30)
    assert parameter.at(dt.date(2023, 12, 29)).value == Duration.days(15)
    assert parameter.at(dt.date(2099, 1, 1)).source.legiarti == "LEGIARTI000048721677"


def test_lookup_before_every_value_raises_instead_of_extrapolating():
    (parameter,) = parse_parameter_document(copy.deepcopy(VALID), "test.yaml")
    with pytest.raises(ParameterNotInForce, match="test.delay has no value on 2019-11-03"):
        parameter.at(dt.date(2019, 11, 3))


def test_lookup_after_a_closed_last_value_raises():
    document = variant(v1__valid_until=dt.date(2024, 12, 31))
    (parameter,) = parse_parameter_document(document, "test.yaml")
    with pytest.raises(ParameterNotInForce):
        parameter.at(dt.date(2025, 1, 1))


def test_gap_is_rejected_with_file_parameter_and_reason():
    error = rejection(variant(v1__valid_from=dt.date(2023, 12, 30), **{"v1__source": {**SOURCE_B}}))
    assert error.path == "test.yaml" and error.parameter == "test.delay"
    assert "gap: no value from 2023-12-29 to 2023-12-29" in error.message


def test_overlap_is_rejected():
    error = rejection(
        variant(v0__valid_until=dt.date(2023, 12, 29), **{"v0__source": {**SOURCE_A, "valid_until": None}})
    )
    assert "overlap" in error.reason


def test_open_value_followed_by_another_is_an_overlap():
    error = rejection(variant(v0__valid_until=None, **{"v0__source": {**SOURCE_A, "valid_until": None}}))
    assert "overlap" in error.reason


def test_missing_source_is_rejected():
    document = copy.deepcopy(VALID)
    del document["test.delay"]["values"][0]["source"]
    assert "values[0]: missing source" in rejection(document).reason


@pytest.mark.parametrize("field", ["article", "legiarti", "valid_from", "sentence"])
def test_missing_source_field_is_rejected(field):
    source = {**SOURCE_A}
    del source[field]
    assert f"source.{field} is missing" in rejection(variant(v0__source=source)).reason


def test_malformed_legiarti_is_rejected():
    assert "is not a LEGIARTI id" in rejection(variant(v0__source={**SOURCE_A, "legiarti": "LEGIARTI39330059"})).reason


def test_value_outliving_its_source_version_is_rejected():
    error = rejection(variant(v0__source={**SOURCE_A, "valid_until": dt.date(2022, 1, 1)}))
    assert "not inside the in-force interval of its source" in error.reason


def test_wrongly_typed_value_is_rejected():
    assert "non-negative integer" in rejection(variant(v0__value="thirty")).reason


def test_missing_description_is_rejected():
    document = copy.deepcopy(VALID)
    del document["test.delay"]["description"]
    assert "description is missing" in rejection(document).reason


def test_money_is_decimal_and_never_float():
    document = copy.deepcopy(VALID)
    document["test.delay"]["kind"] = "money"
    document["test.delay"]["values"][0]["value"] = "1234567.89"
    (parameter,) = parse_parameter_document(document, "test.yaml")
    assert parameter.at(dt.date(2020, 1, 1)).value == Decimal("1234567.89")
    document["test.delay"]["values"][0]["value"] = 1234567.89
    assert "decimal string" in rejection(document).reason


def test_same_parameter_in_two_files_is_rejected():
    (first,) = parse_parameter_document(copy.deepcopy(VALID), "a.yaml")
    (second,) = parse_parameter_document(copy.deepcopy(VALID), "b.yaml")
    with pytest.raises(ParameterFileError, match="defined twice"):
        ParameterSet([first, second])


def test_loader_reports_the_file_of_a_broken_yaml(tmp_path):
    document = variant(v1__valid_from=dt.date(2024, 1, 5))
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParameterFileError, match=r"^broken.yaml: test.delay: gap"):
        load_parameters(tmp_path)


def test_shipped_parameters_load_and_every_value_has_a_source():
    parameters = load_parameters()
    assert len(parameters) >= 10
    for parameter in parameters.values():
        for value in parameter.values:
            assert value.source.legiarti.startswith("LEGIARTI") and value.source.sentence


def test_every_shipped_parameter_is_read_by_some_rule():
    registry = default_registry()
    read = {name for rule in registry for version in rule.versions for name in version.parameters}
    # Parameters of a higher norm (a loi bounding a décret) are read by the rule's HigherNorm.
    read |= {
        name for rule in registry for version in rule.versions for n in version.higher_norms for name in n.parameters
    }
    assert read == set(registry.parameters)


def _gap_document():
    source = {
        "article": "R6113-22",
        "legiarti": "LEGIARTI000000000001",
        "valid_from": "2020-01-01",
        "valid_until": "2020-12-31",
        "sentence": "Phrase.",
    }
    later = dict(source, legiarti="LEGIARTI000000000002", valid_from="2021-07-01", valid_until=None)
    return {
        "test.seats": {
            "description": "Sièges.",
            "kind": "count",
            "gaps": [{"valid_from": "2021-01-01", "valid_until": "2021-06-30", "reason": "texte absent du corpus"}],
            "values": [
                {"valid_from": "2020-01-01", "valid_until": "2020-12-31", "value": 2, "source": source},
                {"valid_from": "2021-07-01", "valid_until": None, "value": 3, "source": later},
            ],
        }
    }


def test_a_declared_gap_is_accepted_and_reading_inside_it_raises():
    (parameter,) = parse_parameter_document(_gap_document(), "t.yaml")
    assert parameter.at(dt.date(2020, 12, 31)).value == 2
    assert parameter.at(dt.date(2021, 7, 1)).value == 3
    with pytest.raises(ParameterNotInForce):
        parameter.at(dt.date(2021, 1, 1))
    assert dt.date(2021, 1, 1) in parameter.boundaries()
    assert not parameter.covers(dt.date(2020, 6, 1), dt.date(2021, 8, 1))
    assert parameter.covers(dt.date(2021, 7, 1), None)


def test_an_undeclared_or_misplaced_gap_is_refused():

    document = _gap_document()
    del document["test.seats"]["gaps"]
    with pytest.raises(ParameterFileError, match="gap: no value from 2021-01-01"):
        parse_parameter_document(document, "t.yaml")
    document = _gap_document()
    document["test.seats"]["gaps"][0]["valid_from"] = "2021-02-01"
    with pytest.raises(ParameterFileError, match="gap"):
        parse_parameter_document(document, "t.yaml")


def test_count_and_month_day_kinds_are_checked():

    document = _gap_document()
    document["test.seats"]["values"][0]["value"] = -1
    with pytest.raises(ParameterFileError, match="non-negative integer"):
        parse_parameter_document(document, "t.yaml")
    document = _gap_document()
    document["test.seats"]["kind"] = "month_day"
    document["test.seats"]["values"][0]["value"] = "02-30x"
    with pytest.raises(ParameterFileError, match="MM-DD"):
        parse_parameter_document(document, "t.yaml")
