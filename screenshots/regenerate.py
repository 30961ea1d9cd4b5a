"""Regenerate the README screenshots: every screen at 80×24 on a small demo database.

Usage: python screenshots/regenerate.py
Writes one SVG per screen into this folder and, when `rsvg-convert` is installed (Debian:
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

from segtui.config import Settings  # noqa: E402
from segtui.domain.demo import load_demo  # noqa: E402
from segtui.store.connection import close_database, open_database  # noqa: E402
from segtui.tui.app import SegtuiApp  # noqa: E402

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


async def contacts(pilot, *keys: str) -> None:
    await pilot.app.switch_mode("contacts")
    await press(pilot, *keys)


SCREENS = {  # file name: how to get there from the start (the Segments list)
    "segments": lambda pilot: press(pilot),
    "segment-form": lambda pilot: press(pilot, "enter"),
    "segment-header": lambda pilot: press(pilot, "enter", "h", "shift+tab", "right"),
    "add-contacts": lambda pilot: press(pilot, "enter", "a", *["tab"] * 17, *"RETAIL"),
    "log-dialog": lambda pilot: press(pilot, "enter", "l"),
    "merge-dialog": lambda pilot: press(pilot, "enter", "m"),
    "help": lambda pilot: press(pilot, "enter", "f1"),
    "contacts": lambda pilot: contacts(pilot),
    "contacts-filtered": lambda pilot: contacts(pilot, "slash", *"uppsala", "enter"),
}


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


async def shoot(name: str, steps) -> Path:
    app = SegtuiApp(Settings(db_target=DB_NAME, is_default_db=False, user="DEMO"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await steps(pilot)
        path = Path(app.save_screenshot(f"{name}.svg", str(HERE)))
    return path


def to_png(svg: Path) -> None:
    subprocess.run(["rsvg-convert", str(svg), "-o", str(svg.with_suffix(".png"))], check=True)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # the header shows the database as "demo.db", not a temporary path
        open_database(DB_NAME)
        try:
            load_demo(contacts=500, seed=1, user="DEMO")
            shots = [asyncio.run(shoot(name, steps)) for name, steps in SCREENS.items()]
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
