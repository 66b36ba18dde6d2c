import pytest
from django.core.management import CommandError, call_command

from smederijen.models import Smederij, Wijkteam
from wijken.models import Area

pytestmark = pytest.mark.django_db

HEADER = "name,kind,wijkteam,inhabitants,postcodes\n"


@pytest.fixture
def csv_file(tmp_path):
    def write(body: str):
        path = tmp_path / "gebieden.csv"
        path.write_text(HEADER + body, encoding="utf-8")
        return path

    return write


def test_import_areas_corrects_inhabitants_postcodes_and_wijkteam(csv_file):
    call_command("seed")
    path = csv_file("Krakeel,wijk,Centrum,3100,7904 7905\n")

    call_command("import_areas", str(path))

    krakeel = Area.objects.get(name="Krakeel")
    assert krakeel.inhabitants == 3100
    assert sorted(krakeel.postcodes.values_list("code", flat=True)) == ["7904", "7905"]
    assert krakeel.smederij.wijkteam.name == "Centrum"
    assert Area.objects.count() == 24


def test_import_areas_adds_a_new_area_with_its_smederij_and_wijkteam(csv_file):
    path = csv_file("Zuidwolde-Noord,dorp,Zuidwolde,800,7921\n")

    call_command("import_areas", str(path))

    smederij = Smederij.objects.get(area__name="Zuidwolde-Noord")
    assert smederij.slug == "zuidwolde-noord"
    assert Wijkteam.objects.filter(name="Zuidwolde").exists()


def test_import_areas_refuses_a_bad_file_whole_and_names_each_line(csv_file):
    path = csv_file(
        "Goed,wijk,Centrum,100,7901\nFout,stad,Centrum,100,7901\nOok fout,wijk,Centrum,veel,79O1\n"
    )

    with pytest.raises(CommandError) as error:
        call_command("import_areas", str(path))

    message = str(error.value)
    assert "Regel 3" in message and "stad" in message
    assert "Regel 4" in message
    assert not Area.objects.exists(), "nothing is half-written"


def test_import_areas_refuses_missing_columns(tmp_path):
    path = tmp_path / "kapot.csv"
    path.write_text("naam,soort\nKrakeel,wijk\n", encoding="utf-8")

    with pytest.raises(CommandError, match="inhabitants"):
        call_command("import_areas", str(path))


def test_import_areas_refuses_an_area_named_twice(csv_file):
    path = csv_file("Pesse,dorp,Dorpen,1850,7933\npesse,dorp,Dorpen,1850,7933\n")

    with pytest.raises(CommandError, match="pesse"):
        call_command("import_areas", str(path))


def test_import_areas_says_when_the_file_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("import_areas", str(tmp_path / "weg.csv"))
