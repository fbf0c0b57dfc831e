from acquis.accounts.models import Organisation, User
from acquis.demo.data import ACCOUNTS
from acquis.demo.pathways import SYNTHETIC_COUNT
from acquis.demo.services import demo_load
from acquis.pathways.models import Candidacy
from acquis.pathways.selectors import candidacies_of_candidate, worklist
from acquis.territories.services import territories_load


def test_demo_pathways_fill_the_worklists_and_load_only_once():
    territories_load()
    demo_load()
    total = Candidacy.objects.count()
    assert total == SYNTHETIC_COUNT + 2
    candidate = User.objects.get(email=next(a.email for a in ACCOUNTS if a.role == "candidate"))
    assert [row.status for row in candidacies_of_candidate(candidate=candidate)] == [
        "deemed_admissible",
        "result_partial",
    ]
    certifier = Organisation.objects.get(siret=next(a.organisation_siret for a in ACCOUNTS if a.role == "certifier"))
    counts = worklist(scope="certifier", organisation=certifier).counts
    assert sum(1 for n in counts.values() if n) >= 8  # the statuses are spread
    assert Candidacy.objects.values("department").distinct().count() >= 5  # several départements
    demo_load()
    assert Candidacy.objects.count() == total


def test_the_demo_certifications_are_found_by_the_public_finder():
    from acquis.certifications.selectors import certification_search

    territories_load()
    demo_load()
    for query in ("aide-soignant", "aide soignant", "soignant", "diplome", "RNCP99901", "99901"):
        assert "RNCP99901" in set(certification_search(q=query).values_list("code", flat=True)), query
