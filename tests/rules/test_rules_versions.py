"""versions.yaml: a family's spans, NOTA sources and notes as data, loaded strictly."""

from __future__ import annotations

import pytest

from acquis.rules import admissibility, jury
from acquis.rules.engine import Definition
from acquis.rules.errors import ParameterFileError
from acquis.rules.versions import FamilyVersions

VERSIONS = """
sources:
  nota:
    article: R6412-1
    legiarti: LEGIARTI000048721583
    valid_from: 2023-12-29
    valid_until: null
    passage: nota
    sentence: Ces dispositions s'appliquent aux personnes qui initient un parcours à compter du 1er janvier 2024.
notes:
  new: The procedure applies from 2024-01-01.
rules:
  toy.rule:
    - version: "2024-01-01"
      valid_from: 2024-01-01
      valid_until: null
      base: base
      parameters: [toy.delay]
      sources: [nota]
      transitional_note: new
"""


def _family(tmp_path, text=VERSIONS) -> FamilyVersions:
    path = tmp_path / "toy" / "versions.yaml"
    path.parent.mkdir()
    path.write_text(text)
    return FamilyVersions(path)


def test_a_version_is_built_from_the_file_and_the_named_definition(tmp_path):
    base = Definition("toy", lambda ctx: 1)
    (version,) = _family(tmp_path).of("toy.rule", base=base)
    assert (version.version, str(version.valid_from), version.valid_until) == ("2024-01-01", "2024-01-01", None)
    assert version.base is base and version.parameters == ("toy.delay",)
    assert (
        version.sources[0].passage == "nota" and version.transitional_note == "The procedure applies from 2024-01-01."
    )


def test_an_unknown_or_unused_definition_is_refused(tmp_path):
    family = _family(tmp_path)
    with pytest.raises(ParameterFileError, match="unknown definition 'base'"):
        family.of("toy.rule", other=Definition("x", lambda ctx: 1))
    with pytest.raises(ParameterFileError, match="definitions no version uses: extra"):
        family.of("toy.rule", base=Definition("x", lambda ctx: 1), extra=Definition("y", lambda ctx: 2))


def test_a_bad_source_is_refused(tmp_path):
    with pytest.raises(ParameterFileError, match="LEGIARTI"):
        _family(tmp_path, VERSIONS.replace("LEGIARTI000048721583", "L123"))


def test_a_span_without_its_end_is_refused(tmp_path):
    family = _family(tmp_path, VERSIONS.replace("      valid_until: null\n      base", "      base"))
    with pytest.raises(ParameterFileError, match="valid_until is missing"):
        family.of("toy.rule", base=Definition("x", lambda ctx: 1))


def test_the_shipped_families_read_their_spans_from_yaml():
    assert admissibility.STATUS.versions[0].sources[0].article == "R6412-1"
    assert {source.article for source in jury.COMPOSITION_CHECK.versions[0].base.sources} == {"D6412-6"}
