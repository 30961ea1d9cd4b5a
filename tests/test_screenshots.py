"""The README's pictures: every screen `make screenshots` shoots is there in every language, and
every picture the README shows exists."""
import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "screenshots" / "regenerate.py"


def test_every_screen_has_its_picture_in_every_language():
    script = runpy.run_path(str(SCRIPT))  # defines SCREENS and LANGUAGES, shoots nothing
    folders = [ROOT / "screenshots", *script["LANGUAGES"].values()]
    missing = [str(folder / f"{name}.png") for folder in folders for name in script["SCREENS"]
               if not (folder / f"{name}.png").is_file()]
    assert not missing, missing
    assert script["LANGUAGES"], "the Swedish pictures are shot too"


def test_the_readme_shows_only_pictures_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((screenshots/[^)]+\.png)\)", readme)
    assert any(path.startswith("screenshots/sv/") for path in shown)
    assert [path for path in shown if not (ROOT / path).is_file()] == []
