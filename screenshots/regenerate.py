"""Regenerate the README screenshots: every screen at 80×24 on a small demo database, in
English (this folder) and in Swedish (sv/).

Usage: python screenshots/regenerate.py   (or: make screenshots)
Writes one SVG per screen and language and, when `rsvg-convert` is installed (Debian:
librsvg2-bin), a PNG beside each.
"""
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["TEXTUAL_ANIMATIONS"] = "none"

from textual.worker import WorkerCancelled  # noqa: E402

from segtui import i18n  # noqa: E402
from segtui.config import Settings  # noqa: E402
from segtui.domain.demo.build import load_demo  # noqa: E402
from segtui.store.connection import close_database, open_database  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)
DB_NAME = "demo.db"



async def press(pilot, *keys: str) -> None:
    """Press `keys`, then let the work they start finish (and a live count its pause)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    await pilot.pause(0.4)
    await settle(pilot)


async def mode(pilot, name: str, *keys: str) -> None:
    """Open a section of the navigation, then press `keys`."""
    await pilot.app.switch_mode(name)
    await settle(pilot)  # the section's rows are on screen before a key acts on them
    await press(pilot, *keys)


async def contacts(pilot, *keys: str) -> None:
    await mode(pilot, "contacts", *keys)


IMPORT_FILE = """Name;E-Mail;Company;Mailing Groups;Post Code
Nora Lind;nora@lind.example;;NEWSLETTER;11120
Olle Berg;olle(at)berg;;;
Pia Ek;pia@ek.example;No Such Company AB;;
Rut Holm;rut@holm.example;;SPRING;
"""


async def import_report(pilot) -> None:
    """Import a small file with bad rows: the report the import leaves."""
    Path("new-contacts.csv").write_text(IMPORT_FILE, encoding="utf-8")
    await contacts(pilot, "i", *"new-contacts.csv", "ctrl+s")


SCREENS = {  # file name: how to get there from the start (the Segments list)
    "segments": lambda pilot: press(pilot),
    "segment-form": lambda pilot: press(pilot, "enter"),
    "segment-header": lambda pilot: press(pilot, "enter", "h", "alt+i"),
    "add-contacts": lambda pilot: press(pilot, "enter", "a", "i", *"RETAIL"),  # i: industry
    "log-dialog": lambda pilot: press(pilot, "enter", "l"),
    "merge-dialog": lambda pilot: press(pilot, "enter", "m"),
    "labels-dialog": lambda pilot: press(pilot, "enter", "L"),
    "help": lambda pilot: press(pilot, "enter", "f1"),
    "contacts": lambda pilot: contacts(pilot),
    "contacts-filtered": lambda pilot: contacts(pilot, "slash", *"uppsala", "enter"),
    "contact-card": lambda pilot: contacts(pilot, "enter"),
    "import-report": import_report,
    "export-dialog": lambda pilot: mode(pilot, "segment_log", "E"),
    "segment-log": lambda pilot: mode(pilot, "segment_log"),
    "resend-dialog": lambda pilot: mode(pilot, "segment_log", "s"),
    "segment-documents": lambda pilot: press(pilot, "enter", "down", "D"),
    "follow-up-dialog": lambda pilot: mode(pilot, "segment_log", "f"),
    "interaction-log": lambda pilot: mode(pilot, "interaction_log"),
    "interaction-statistics": lambda pilot: mode(pilot, "interaction_log", "t"),
    "setup": lambda pilot: mode(pilot, "setup"),
}
LANGUAGES = {"sv": HERE / "sv"}  # every screen again in these languages, into these folders


async def settle(pilot) -> None:
    """Let the workers finish and their results show."""
    for _attempt in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # its dialog closed: it is done too
            pass
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return
    raise RuntimeError("the app kept starting workers")


async def shoot(name: str, steps, folder: Path = HERE) -> Path:
    from segtui.tui.app import SegtuiApp  # after i18n.setup: its labels are read on import
    app = SegtuiApp(Settings(db_target=DB_NAME, is_default_db=False, user="DEMO"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await steps(pilot)
        path = Path(app.save_screenshot(f"{name}.svg", str(folder)))
    return path


def to_png(svg: Path) -> None:
    subprocess.run(["rsvg-convert", str(svg), "-o", str(svg.with_suffix(".png"))], check=True)


def shoot_in_language(lang: str, folder: Path) -> list[Path]:
    """Shoot every screen in a process of its own: the language is chosen before the app is
    imported. Each screen starts from a copy of the untouched demo database, as in English."""
    folder.mkdir(exist_ok=True)
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--lang", lang, str(folder)],
                   check=True)
    return [folder / f"{name}.svg" for name in SCREENS]


def shoot_all(folder: Path = HERE) -> list[Path]:
    """Every screen, each on a fresh copy of the demo database (a screen's steps write to it)."""
    pristine = Path(DB_NAME + ".pristine")
    shots = []
    for name, steps in SCREENS.items():
        close_database()
        shutil.copyfile(pristine, DB_NAME)
        open_database(DB_NAME)
        shots.append(asyncio.run(shoot(name, steps, folder)))
    return shots


def main() -> int:
    if sys.argv[1:2] == ["--lang"]:  # every screen in another language, in the folder in cwd
        i18n.setup(sys.argv[2])
        try:
            shoot_all(Path(sys.argv[3]))
        finally:
            close_database()
        return 0
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # the header shows the database as "demo.db", not a temporary path
        open_database(DB_NAME)
        try:
            load_demo(contacts=500, seed=1, user="DEMO")
            close_database()
            shutil.copyfile(DB_NAME, DB_NAME + ".pristine")
            shots = shoot_all()
            close_database()
            for lang, lang_folder in LANGUAGES.items():
                shots += shoot_in_language(lang, lang_folder)
        finally:
            close_database()
    converter = shutil.which("rsvg-convert")
    for svg in shots:
        if converter:
            to_png(svg)
        print(svg.relative_to(HERE.parent))
    if not converter:
        print("rsvg-convert not found: SVGs only (apt-get install librsvg2-bin)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
