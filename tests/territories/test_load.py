import pytest

from acquis.territories.models import Department, Region
from acquis.territories.services import TerritoriesFileError, territories_load


def test_bundled_territories_load_once():
    first = territories_load()
    second = territories_load()
    assert (first.regions_created, first.departments_created) == (18, 101)
    assert (second.regions_created, second.departments_created, second.departments_updated) == (0, 0, 0)
    assert Department.objects.get(code="2A").region.name == "Corse"
    assert Region.objects.get(code="06").departments.get().code == "976"


def test_a_malformed_file_is_rejected_with_its_line_and_nothing_is_saved(tmp_path):
    bad = tmp_path / "t.csv"
    bad.write_text(
        "departement_code,departement_name,region_code,region_name\n01,Ain,84,Auvergne-Rhône-Alpes\n02,,32,Hauts\n",
        encoding="utf-8",
    )
    with pytest.raises(TerritoriesFileError, match="ligne 3"):
        territories_load(path=bad)
    assert not Department.objects.exists() and not Region.objects.exists()
    wrong_columns = tmp_path / "c.csv"
    wrong_columns.write_text("code,nom\n01,Ain\n", encoding="utf-8")
    with pytest.raises(TerritoriesFileError, match="colonnes attendues"):
        territories_load(path=wrong_columns)
