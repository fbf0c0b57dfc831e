"""Issue 15, point 13: synthetic candidacies carry the records behind their stage, so that the next action a
page offers works (a jury to schedule on a validation file, a held jury with a result form, a result)."""

from __future__ import annotations

import datetime as dt

from acquis.demo.synthetic_pathways import synthetic_candidacies_create
from acquis.pathways.enums import Stage
from acquis.pathways.models import Candidacy, JuryResult, JurySession, ValidationFile
from tests.accounts.factories import OrganisationFactory
from tests.pathways.factories import certification, department


def test_every_row_past_the_validation_file_has_its_records():
    certifier = OrganisationFactory(kind="certifier")
    synthetic_candidacies_create(
        count=300,
        certifier=certifier,
        certifications=[certification(certifier=certifier)],
        departments=[department()],
        accompanier=None,
        today=dt.date(2026, 12, 1),
    )
    filed = Candidacy.objects.filter(validation_filed_on__isnull=False)
    assert filed.exists()
    assert ValidationFile.objects.filter(candidacy__in=filed).count() == filed.count()
    scheduled = Candidacy.objects.filter(stage__in=[Stage.JURY_SCHEDULED, Stage.JURY_DECIDED])
    assert scheduled.exists()
    assert JurySession.objects.filter(validation_file__candidacy__in=scheduled).count() == scheduled.count()
    assert all(s.members.count() == 2 for s in JurySession.objects.all())
    decided = Candidacy.objects.filter(stage=Stage.JURY_DECIDED)
    assert JuryResult.objects.count() == decided.count()
    waiting = Candidacy.objects.filter(stage=Stage.JURY_SCHEDULED)
    assert not JuryResult.objects.filter(session__validation_file__candidacy__in=waiting).exists()
    for result in JuryResult.objects.filter(kind="partial"):
        assert result.blocks_acquired.exists()
