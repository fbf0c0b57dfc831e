import gzip
import json
from datetime import date

import pytest

from acquis.law.parsing.archeo_lex import parse_archeo_lex_diff
from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.legi_data import parse_legi_data
from acquis.law.parsing.legi_xml import parse_legi_xml, parse_legi_xml_files
from acquis.law.parsing.markdown import parse_article_markdown
from acquis.law.parsing.reconstructed import parse_reconstructed
from acquis.law.parsing.records import article_key_number


def test_legi_data_2020_snapshot(data_dir):
    calls = []
    parsed = parse_legi_data(
        data_dir / "legi-data/code-du-travail-6e-partie-2020-01-01.json.gz", progress=lambda d, t: calls.append((d, t))
    )
    assert parsed.observed_on == date(2020, 1, 1)
    with_text = [v for v in parsed.versions if v.text is not None]
    assert len(with_text) == 1261  # one in-force version per article (README: 1,261 articles)
    assert calls and calls[-1][0] == calls[-1][1]
    r6422_4 = [v for v in parsed.versions if v.number == "R6422-4"]
    assert [v.legiarti_id for v in r6422_4] == [
        "LEGIARTI000018522188",
        "LEGIARTI000029756168",
        "LEGIARTI000039330059",
    ]
    current = r6422_4[-1]
    assert (current.valid_from, current.valid_until, current.state) == (date(2019, 11, 4), None, "VIGUEUR")
    assert current.text.startswith("Dans les trente jours calendaires")
    assert current.text.count("\n") == 2  # three alinéas
    assert r6422_4[0].text is None  # metadata only


def test_legi_data_annexes_are_keyed_by_their_cid(data_dir):
    # Two different annexes of the sixth part are both numbered "Annexe": one history each, not one merged.
    parsed = parse_legi_data(data_dir / "legi-data/code-du-travail-6e-partie-2026-03-27.json.gz")
    annexes = sorted({v.number for v in parsed.versions if v.number.startswith("Annexe")})
    assert annexes == ["Annexe (LEGIARTI000018497130)", "Annexe (LEGIARTI000038591361)"]
    assert {m.article_number for m in parsed.memberships if m.article_number.startswith("Annexe")} == set(annexes)
    assert "R6422-4" in {v.number for v in parsed.versions}  # ordinary numbers unchanged


@pytest.mark.parametrize(
    ("number", "cid", "key"),
    [
        ("Annexe", "LEGIARTI000018497130", "Annexe (LEGIARTI000018497130)"),
        ("Annexe II", "LEGIARTI000038137266", "Annexe II (LEGIARTI000038137266)"),
        ("annexe 2-4", "LEGIARTI000019325262", "annexe 2-4 (LEGIARTI000019325262)"),
        ("Annexe", None, "Annexe"),  # no cid (LEGI XML): nothing to qualify with
        ("R6422-4", "LEGIARTI000006904361", "R6422-4"),
        ("Annexes-1", "LEGIARTI000000000001", "Annexes-1"),  # not the word "Annexe" alone
    ],
)
def test_article_key_number(number, cid, key):
    assert article_key_number(number, cid) == key


def _write_gz(tmp_path, payload: str):
    path = tmp_path / "bad.json.gz"
    path.write_bytes(gzip.compress(payload.encode()))
    return path


def test_legi_data_syntax_error_has_line_and_column(tmp_path):
    path = _write_gz(tmp_path, '{"type": "code",\n "data": {')
    with pytest.raises(LawParseError) as error:
        parse_legi_data(path)
    assert error.value.file == str(path)
    assert error.value.position.startswith("line 2, column")


def test_legi_data_structure_error_has_json_path(tmp_path):
    tree = {
        "type": "code",
        "data": {"id": "LEGITEXT1", "dateDebutVersion": "2020-01-01", "title": "Code"},
        "children": [
            {
                "type": "section",
                "data": {"id": "S1", "title": "Partie", "dateDebut": "2008-05-01", "dateFin": "2999-01-01"},
                "children": [{"type": "article", "data": {"id": "A1", "cid": "A1", "texteHtml": "<p>x</p>"}}],
            }
        ],
    }
    with pytest.raises(LawParseError) as error:
        parse_legi_data(_write_gz(tmp_path, json.dumps(tree)))
    assert error.value.position == "$.children[0].children[0].data.num"


def test_legi_data_corrupt_gzip(tmp_path):
    path = tmp_path / "x.json.gz"
    path.write_bytes(gzip.compress(b"{}")[:-6])
    with pytest.raises(LawParseError, match="gzip"):
        parse_legi_data(path)


def test_reconstructed_texts(data_dir):
    parsed = parse_reconstructed(data_dir / "pre-2019-11-04/articles-in-force-2019-11-01.json")
    assert len(parsed.versions) == 22
    by_number = {v.number: v for v in parsed.versions}
    assert by_number["R6422-10-1"].valid_from is None
    assert by_number["R6422-10-1"].known_in_force_on == date(2019, 11, 1)
    assert by_number["R6422-4"].valid_until == date(2019, 11, 4)


def test_reconstructed_rejects_bad_date(tmp_path):
    path = tmp_path / "articles-in-force-2019-11-01.json"
    path.write_text(json.dumps([{"num": "R1", "text": "x", "valid_from": "2019-13-01", "valid_until": "2019-11-04"}]))
    with pytest.raises(LawParseError) as error:
        parse_reconstructed(path)
    assert error.value.position == "$[0].valid_from"


def test_markdown_seed(data_dir):
    parsed = parse_article_markdown(data_dir / "seeds/000-R6423-3-1.md.txt")
    (record,) = parsed.versions
    assert record.number == "R6423-3-1"
    assert record.text.startswith("Dans le cadre de leurs compétences respectives")
    assert record.text.count("\n") == 1  # <br/><br/> separates the two alinéas
    assert "<a href" not in record.text


@pytest.mark.parametrize(
    ("content", "position"),
    [
        ("", "line 1, column 1"),
        ("\n\nArticle R1\n<p>x</p>", "line 3, column 1"),
        ("# Article R1\n", "line 2, column 1"),
    ],
)
def test_markdown_malformed(tmp_path, content, position):
    path = tmp_path / "a.md"
    path.write_text(content)
    with pytest.raises(LawParseError) as error:
        parse_article_markdown(path)
    assert error.value.position == position


def test_legi_xml_article(data_dir):
    parsed = parse_legi_xml(data_dir / "legi-xml-samples/LEGIARTI000006398122.xml")
    (version,) = parsed.versions
    assert (version.number, version.state, version.valid_from, version.valid_until) == (
        "1",
        "ABROGE",
        date(1952, 6, 29),
        date(2001, 1, 1),
    )
    assert version.code == "LEGITEXT000006070666"
    assert version.text.startswith("La fabrication des monnaies")
    assert [s.section_id for s in parsed.sections][-1] == "LEGISCTA000006135572"
    assert parsed.memberships[0].section_id == "LEGISCTA000006135572"


def test_legi_xml_all_samples(data_dir):
    files = sorted((data_dir / "legi-xml-samples").rglob("*.xml"))
    progress = []
    parsed = parse_legi_xml_files(files, progress=lambda d, t: progress.append(d))
    assert progress == list(range(1, len(files) + 1))
    by_name = {p.source.removeprefix("LEGI XML "): p for p in parsed}
    section = by_name["LEGISCTA000006135575.xml"]
    assert len(section.memberships) == 8
    assert {m.article_number for m in section.memberships} == {"9", "10", "11", "12"}
    annex = by_name["LEGIARTI000019325262.xml"]
    assert annex.versions[0].state == "MODIFIE" and len(annex.versions[0].text) > 10_000
    assert annex.versions[1].legiarti_id == "LEGIARTI000027037614" and annex.versions[1].text is None
    assert by_name["LEGITEXT000006070666.xml"].code_title or by_name["LEGITEXT000006070666.xml"].sections


def test_legi_xml_malformed(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<ARTICLE>\n<META>\n</ARTICLE>")
    with pytest.raises(LawParseError) as error:
        parse_legi_xml(path)
    assert error.value.position.startswith("line 3")


def test_legi_xml_missing_element_has_xpath(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<ARTICLE><META><META_COMMUN><ID>LEGIARTI1</ID></META_COMMUN></META></ARTICLE>")
    with pytest.raises(LawParseError) as error:
        parse_legi_xml(path)
    assert error.value.position == "/ARTICLE/META/META_SPEC/META_ARTICLE"


def test_archeo_lex_page(data_dir):
    page = parse_archeo_lex_diff(data_dir / "seeds/001-archeo-lex-diff-2019-11-04.txt")
    assert (page.date_from, page.date_to, page.commit) == (date(2019, 11, 1), date(2019, 11, 4), "609b137")
    assert len(page.articles) == 24
    d6422_8 = next(a for a in page.articles if a.number == "D6422-8")
    # The bare "4" replacing "IV" is a fragment, not a row header.
    assert "4" in [f for _, f in d6422_8.fragments]


def test_archeo_lex_malformed(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Code du travail\nVersion consolidée au 4 novembre 2019\n")
    with pytest.raises(LawParseError, match="précédente|Version|header"):
        parse_archeo_lex_diff(path)
