"""The finder on the engine of the run (SQLite here; test_finder_postgresql.py runs the same on PostgreSQL)."""

from __future__ import annotations

import pytest

from acquis.certifications.enums import RomeLinkSource
from acquis.orientation.finder import FinderError, find
from acquis.orientation.finder.search import MAX_TEXT
from acquis.orientation.models import RomeKnowledge, RomeSkill
from acquis.orientation.skills import SkillIndex
from acquis.orientation.text import roots_text
from tests.orientation.world import registry_link_sources, small_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return small_world()


def codes(answer):
    return [result.code for result in answer.results]


def test_only_active_certifications_open_to_vae_are_indexed(world):
    assert world.documents == 7
    answer = find("soudeur")
    assert "RNCP90001" not in codes(answer) and "RNCP90002" not in codes(answer)


def test_computed_links_are_stored_apart_from_the_registrys(world):
    assert registry_link_sources("RNCP38565") == [("J1506", RomeLinkSource.REGISTRY)]
    assert registry_link_sources("RNCP35830") == [("J1501", RomeLinkSource.COMPUTED)]
    # A fiche with its own links in the register gets no computed one, even when its title names a job.
    assert world.certifications_linked >= 5


@pytest.mark.parametrize("text", ["infirmière", "INFIRMIERS", "infirmier de bloc", "Infirmières"])
def test_accents_case_plural_and_feminine_forms(world, text):
    answer = find(text)
    assert codes(answer)[0] == "RNCP38565"


@pytest.mark.parametrize("text", ["soudeuse", "SOUDEUSES", "soudage", "je fais de la soudure"])
def test_feminine_and_derived_forms_of_a_job(world, text):
    assert codes(find(text))[0] == "RNCP34172"


def test_a_rome_job_title_is_a_synonym_and_the_why_says_so(world):
    answer = find("aide-soignante de nuit en EHPAD depuis huit ans")
    best = answer.results[0]
    assert best.code == "RNCP35830" and best.level == 4
    assert any("Aide-soignant / Aide-soignante" in reason and "J1501" in reason for reason in best.why)
    assert any("lien calculé" in reason for reason in best.why)
    assert any("aide-soignante" in reason or "soignante" in reason for reason in best.why)
    assert [title.rome_code for title in answer.job_titles][:1] == ["J1501"]


def test_a_registry_link_is_named_as_such(world):
    best = find("infirmière").results[0]
    assert any("lien publié au registre" in reason for reason in best.why)


def test_a_job_title_of_the_same_family_leads_to_the_certification(world):
    answer = find("comptable")
    assert {"RNCP37121", "RNCP35375"} <= set(codes(answer)[:3])
    assistant = next(r for r in answer.results if r.code == "RNCP37121")
    assert any("même famille" in reason or "M1203" in reason for reason in assistant.why)


def test_a_skill_block_is_an_explanation(world):
    best = find("évaluation de situation clinique").results[0]
    assert best.code == "RNCP38565"
    assert any("RNCP38565BC01" in reason for reason in best.why)


def test_ranking_scores_are_between_0_and_1_best_first(world):
    answer = find("comptable assistant")
    scores = [result.score for result in answer.results]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert codes(answer)[0] == "RNCP37121"


def test_level_filter(world):
    assert codes(find("comptable", level=6)) == ["RNCP35375"]
    assert find("soudeur", level=5).results == []


def test_a_picked_job_title_alone_is_enough(world):
    answer = find("", job_titles=[11679])
    assert codes(answer) == ["RNCP34857"]
    assert any("que vous avez choisi" in reason for reason in answer.results[0].why)


def test_a_partly_named_job_title_still_helps(world):
    answer = find("ménage chez des particuliers")
    assert codes(answer)[:1] == ["RNCP37792"]


@pytest.mark.parametrize("text", ["", "   ", "de la et", "!!!???"])
def test_an_empty_description_gets_a_message(world, text):
    answer = find(text)
    assert answer.results == [] and "Décrivez" in answer.message


@pytest.mark.parametrize("text", ["zzzqqq xkcdw", "1234567"])
def test_an_absurd_description_gets_a_message(world, text):
    answer = find(text)
    assert answer.results == [] and "Aucune certification" in answer.message


def test_a_ten_thousand_character_description_is_read_in_part(world):
    answer = find("soudeur " + "x" * 10_000)
    assert codes(answer)[0] == "RNCP34172"
    assert f"{MAX_TEXT} premiers caractères" in answer.message


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"level": 0}, "niveau"),
        ({"level": 9}, "niveau"),
        ({"department": "99"}, "département"),
        ({"limit": 0}, "nombre de résultats"),
        ({"limit": 51}, "nombre de résultats"),
        ({"job_titles": [1]}, "Métier du ROME inconnu"),
    ],
)
def test_bad_arguments_are_refused_with_a_sentence(world, kwargs, fragment):
    with pytest.raises(FinderError, match=fragment):
        find("soudeur", **kwargs)


def test_a_known_department_is_accepted(world):
    answer = find("soudeur", department="2a")
    assert answer.department.code == "2A" and codes(answer)[0] == "RNCP34172"


def test_limit(world):
    assert len(find("comptable assistant soudeur cariste", limit=2).results) == 2


def _skill(model, code_ogr, label, category):
    return model.objects.create(code_ogr=code_ogr, label=label, category=category, roots=roots_text(label))


def test_rome_skills_the_description_and_the_fiche_both_name_are_quoted(world):
    _skill(RomeKnowledge, 100001, "Évaluation clinique", "Techniques professionnelles")
    _skill(RomeKnowledge, 100002, "Soins palliatifs", "Domaines d'expertise")
    _skill(RomeSkill, 100003, "Souder des pièces", "Savoir-faire")
    best = find("infirmière : évaluation clinique des patients, soins palliatifs").results[0]
    assert best.code == "RNCP38565"
    quoted = [reason for reason in best.why if reason.startswith("Compétences et savoirs du ROME")]
    # The block « Évaluation d'une situation clinique » covers the first; the fiche names no palliative care, and
    # nobody described welding.
    assert quoted == [
        "Compétences et savoirs du ROME que vous décrivez et que cette certification couvre : « Évaluation clinique »."
    ]
    assert "Soins palliatifs" not in " ".join(best.why) and "Souder" not in " ".join(best.why)


def test_without_skill_tables_the_explanation_is_unchanged(world):
    best = find("infirmière : évaluation clinique des patients").results[0]
    assert not [reason for reason in best.why if reason.startswith("Compétences et savoirs du ROME")]


def test_a_skill_label_is_named_without_its_common_verb():
    rows = [(n, f"Réaliser la tâche {n}", "savoir-faire", frozenset({"realis", f"tach{n}"})) for n in range(160)]
    rows.append((999, "Réaliser des soins d'hygiène", "savoir-faire", frozenset({"realis", "soin", "hygien"})))
    rows.append((998, "Hygiène", "savoir", frozenset({"hygien"})))
    # Its only meaningful root would name it by any description saying « soins »: too little.
    rows.append((997, "Réaliser les soins", "savoir-faire", frozenset({"realis", "soin"})))
    index = SkillIndex(rows)
    assert "realis" in index.common
    assert [item.label for item in index.named({"soin", "hygien", "nuit"})] == [
        "Réaliser des soins d'hygiène",
        "Hygiène",
    ]
    assert index.named({"soin"}) == []
