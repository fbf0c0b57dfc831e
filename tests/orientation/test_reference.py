"""Reading and loading the ROME and France VAE's catalogue (their errors, idempotence, link sources)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from acquis.certifications.catalogue import parse_catalogue
from acquis.certifications.export import RegistryParseError
from acquis.orientation.models import RomeCode, RomeJobTitle, RomeKnowledge, RomeSkill
from acquis.orientation.rome import CODES_FILE, KNOWLEDGE_FILE, SKILLS_FILE, TITLES_FILE, RomeFileError, read_codes
from acquis.orientation.services import TableLoad, rome_reference_load, rome_skills_load
from acquis.orientation.text import analyse, root

ROME = Path(__file__).with_name("fixtures") / "rome"
CATALOGUE = Path(__file__).parents[2] / "data" / "reference" / "france-vae-certifications-2026-01-09.csv"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["infirmière", "infirmiers", "INFIRMIER"], "infirm"),
        (["soudeuse", "soudeur", "soudage", "soudure"], "soud"),
        (["boulangère", "boulangerie", "boulanger"], "boulang"),
        (["électricienne", "électricien", "électricité"], "electric"),
        (["opératrice", "opérateur"], "oper"),
    ],
)
def test_roots_join_plural_feminine_and_derived_forms(words, expected):
    assert {root(analyse(word).words[0]) for word in words} == {expected}


def test_short_words_keep_their_form_and_the_written_word_is_quoted_back():
    assert root("aide") == "aide"
    analysed = analyse("L'Aide-Soignante de nuit")
    assert analysed.roots == ("aide", "soign", "nuit")
    assert analysed.word_of("soign") == "soignante"


def test_catalogue_rows_become_fiches_open_to_vae():
    parsed = parse_catalogue(CATALOGUE)
    assert len(parsed.fiches) == 243 and not parsed.complete
    deas = parsed.fiches["RNCP35830"]
    assert (deas.level, deas.vae_accessible, deas.active, deas.abbreviation) == (4, True, True, "Diplôme d'Etat (DE)")
    assert sum(record.active for record in parsed.fiches.values()) == 208


def test_a_bad_catalogue_row_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "catalogue.csv"
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace(",4,", ",12,")]) + "\n", encoding="utf-8")
    with pytest.raises(RegistryParseError) as error:
        parse_catalogue(bad)
    assert error.value.line == 2 and "niveau" in error.value.reason


@pytest.mark.django_db
def test_rome_load_is_idempotent_and_follows_the_files(tmp_path):
    first = rome_reference_load(directory=ROME)
    titles = RomeJobTitle.objects.count()
    assert first.codes_created == 3 and first.titles_created == titles > 0
    assert RomeJobTitle.objects.get(code_ogr=11679).roots == "carist"
    again = rome_reference_load(directory=ROME)
    assert (again.codes_created, again.titles_created, again.titles_updated, again.titles_removed) == (0, 0, 0, 0)
    changed = tmp_path / "rome"
    shutil.copytree(ROME, changed)
    path = changed / TITLES_FILE
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(row.replace('"Cariste"', '"Cariste polyvalent"') for row in rows[:-1]) + "\n")
    third = rome_reference_load(directory=changed)
    assert third.titles_updated == 1 and third.titles_removed == 1
    assert RomeCode.objects.get(code="N1101").parent_code == "N1101"


def test_a_bad_rome_file_says_which_line(tmp_path):
    shutil.copytree(ROME, tmp_path / "rome")
    path = tmp_path / "rome" / CODES_FILE
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([rows[0], '"XX"' + rows[1][7:]]) + "\n")
    with pytest.raises(RomeFileError, match="ligne 2"):
        read_codes(tmp_path / "rome")
    with pytest.raises(RomeFileError, match="introuvable"):
        read_codes(tmp_path / "nowhere")


@pytest.mark.django_db
def test_rome_skills_and_knowledge_load_is_idempotent_and_counts_the_rows():
    first = rome_skills_load(directory=ROME)
    # The fixture files: 6 skills (2 macro-compétences), 4 knowledge rows.
    assert (first.skills.created, first.skills.rows, first.knowledge.created, first.knowledge.rows) == (6, 6, 4, 4)
    assert (RomeSkill.objects.count(), RomeKnowledge.objects.count()) == (6, 4)
    care = RomeSkill.objects.get(code_ogr=107661)
    assert (care.macro, care.macro_code_ogr, care.category, care.subcategory) == (
        False,
        300043,
        "Savoir-faire",
        "Technique",
    )
    assert RomeSkill.objects.get(code_ogr=300043).macro
    assert RomeKnowledge.objects.get(code_ogr=100007).roots == "techn soud"
    again = rome_skills_load(directory=ROME)
    assert again.skills == TableLoad(created=0, updated=0, removed=0, rows=6)
    assert again.knowledge == TableLoad(created=0, updated=0, removed=0, rows=4)
    assert (RomeSkill.objects.count(), RomeKnowledge.objects.count()) == (6, 4)


@pytest.mark.django_db
def test_rome_skills_load_follows_a_changed_file(tmp_path):
    rome_skills_load(directory=ROME)
    changed = tmp_path / "rome"
    shutil.copytree(ROME, changed)
    path = changed / KNOWLEDGE_FILE
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(r.replace('"Techniques de soudage"', '"Soudage"') for r in rows[:-1]) + "\n")
    third = rome_skills_load(directory=changed)
    assert (third.knowledge.updated, third.knowledge.removed, third.knowledge.rows) == (1, 1, 3)
    assert RomeKnowledge.objects.get(code_ogr=100007).label == "Soudage"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "damage", "fragment"),
    [
        (KNOWLEDGE_FILE, lambda rows: [rows[0], rows[1].replace('"100007"', '"abc"', 1)], "ligne 2 : code OGR"),
        (KNOWLEDGE_FILE, lambda rows: [rows[0].replace("libelle_savoir", "libelle")], "colonne(s) manquante(s)"),
        (SKILLS_FILE, lambda rows: [rows[0], rows[1], rows[1]], "ligne 3 : code OGR 106259 en double"),
        (KNOWLEDGE_FILE, None, "introuvable"),
    ],
)
def test_a_bad_or_missing_skills_file_loads_nothing(tmp_path, file, damage, fragment):
    rome_skills_load(directory=ROME)
    before = (list(RomeSkill.objects.values_list("code_ogr", "label")), RomeKnowledge.objects.count())
    broken = tmp_path / "rome"
    shutil.copytree(ROME, broken)
    # The other file changes too, so that a half-done load would show.
    skills = broken / SKILLS_FILE
    skills.write_text(skills.read_text(encoding="utf-8").replace("Superviser", "Surveiller"), encoding="utf-8")
    path = broken / file
    if damage is None:
        path.unlink()
    else:
        path.write_text("\n".join(damage(path.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
    with pytest.raises(RomeFileError, match=re.escape(fragment)):
        rome_skills_load(directory=broken)
    assert (list(RomeSkill.objects.values_list("code_ogr", "label")), RomeKnowledge.objects.count()) == before


@pytest.mark.django_db
def test_reference_load_says_a_bad_skills_file_and_keeps_the_tables(tmp_path):
    broken = tmp_path / "rome"
    shutil.copytree(ROME, broken)
    (broken / SKILLS_FILE).write_text('"code_ogr"\n"1"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="colonne"):
        call_command("reference_load", rome=broken, stdout=io.StringIO())
    assert not RomeSkill.objects.exists() and not RomeKnowledge.objects.exists()
