import datetime as dt

from acquis.web.rules.examples import leave_examples


def test_rules_page_decides_one_unanswered_leave_request_per_era_with_its_article(client):
    html = client.get("/regles/").content.decode()
    html = html.replace("&#x27;", "'")
    assert "Le droit appliqué, article à l'appui" in html
    assert "sans réponse (le silence de l'employeur ne vaut pas accord dans cette version)" in html
    assert html.count("accordé (absence de réponse de l'employeur)") == 2
    assert "/droit/code-du-travail/R6422-4?date=2023-12-29" in html
    assert "quinze jours calendaires" in html


def test_examples_follow_the_version_in_force_on_the_day_of_receipt():
    before, middle, current = leave_examples(today=dt.date(2026, 11, 23))
    assert (before.status, middle.status, current.status) == ("no_answer", "deemed_accepted", "deemed_accepted")
    assert middle.answer_due == dt.date(2021, 3, 31)  # 30 calendar days (2019-11-04 version)
    assert current.answer_due == dt.date(2024, 3, 16)  # 15 calendar days (2023-12-29 version)
    assert {s["legiarti"] for s in current.sources} == {"LEGIARTI000048721677"}
    pending = leave_examples(today=dt.date(2024, 3, 10))[2]
    assert pending.status == "pending"
