"""The shipped reference data end to end: ``acquis reference load`` on an empty database, then the evaluation set.

One test on purpose: loading the ROME (13,120 job titles) and the catalogue takes a few seconds, and every
check below reads the same loaded database.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from acquis.certifications.enums import RomeLinkSource
from acquis.certifications.models import Certification, CertificationRomeCode
from acquis.orientation.finder.evaluation import evaluate, read_cases
from acquis.orientation.models import FinderDocument, RomeCode, RomeJobTitle, RomeKnowledge, RomeSkill

pytestmark = pytest.mark.django_db
CASES = Path(__file__).with_name("finder_eval.yaml")
#: What the finder reaches on the shipped catalogue (bench/results/finder.json has the exact figures).
MIN_HIT_AT_5 = 0.85
MIN_MRR = 0.65


def _load() -> str:
    out = io.StringIO()
    call_command("reference_load", stdout=out)
    return out.getvalue()


def test_reference_load_then_the_evaluation_set():
    first = _load()
    assert "[2/6] ROME v4.60 : 1584 fiche(s) métier et 13120 appellation(s) créées" in first
    assert "[3/6] ROME v4.60 : 18317 compétence(s) (18317 créée(s)) et 15354 savoir(s) (15354 créé(s))" in first
    assert "[4/6] Certifications (france-vae-certifications-2026-01-09.csv) : 243 créée(s)" in first
    assert "[5/6] Certifications (rncp-sample.csv) : 3 créée(s), 5 déjà présente(s)." in first
    assert (RomeCode.objects.count(), RomeJobTitle.objects.count()) == (1584, 13120)
    # The shipped files' data rows (README of data/reference: 18,317 and 15,354).
    assert (RomeSkill.objects.count(), RomeKnowledge.objects.count()) == (18317, 15354)
    assert RomeSkill.objects.filter(macro=True).count() == 507
    advf = Certification.objects.get(code="RNCP35506")
    assert (advf.level, advf.vae_accessible, advf.abbreviation) == (3, True, "Titre Professionnel (TP)")
    assert not Certification.objects.get(code="RNCP5227").active  # listed_active = no
    # Nothing in the catalogue has ROME links of its own: every link is computed, and said so.
    assert set(CertificationRomeCode.objects.values_list("source", flat=True)) == {RomeLinkSource.COMPUTED}
    documents = FinderDocument.objects.count()
    assert documents == Certification.objects.filter(active=True, vae_accessible=True).count()

    again = _load()
    assert "0 fiche(s) métier et 0 appellation(s) créées, 0 mise(s) à jour, 0 retirée(s)" in again
    assert "18317 compétence(s) (0 créée(s)) et 15354 savoir(s) (0 créé(s)), 0 mis à jour, 0 retiré(s)." in again
    assert (RomeSkill.objects.count(), RomeKnowledge.objects.count()) == (18317, 15354)
    assert "(france-vae-certifications-2026-01-09.csv) : 0 créée(s), 243 déjà présente(s)." in again
    assert FinderDocument.objects.count() == documents

    cases = read_cases(CASES)
    assert len(cases) >= 40
    indexed = set(FinderDocument.objects.values_list("certification__code", flat=True))
    assert {code for case in cases for code in case["accept"]} <= indexed
    result = evaluate(cases)
    assert result.hit_at_5 >= MIN_HIT_AT_5, result.misses
    assert result.mrr >= MIN_MRR

    out = io.StringIO()
    call_command("certifications_find", "aide-soignante", "de", "nuit", "--limit", "3", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["results"][0]["code"] == "RNCP35830"
    assert set(body["results"][0]) == {"code", "title", "level", "score", "why"}
