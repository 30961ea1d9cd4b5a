"""What the user chose and segtui remembers (the theme): a small JSON file in the data folder."""
import json
import os
from pathlib import Path

from segtui.config import data_dir

FILE_NAME = "preferences.json"


def preferences_path() -> Path:
    return data_dir() / FILE_NAME


def load() -> dict:
    """The remembered choices; empty when there are none yet (or the file is unreadable)."""
    try:
        values = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return values if isinstance(values, dict) else {}


def save(**choices) -> None:
    """Remember `choices` beside the others; the file is private to the user (0600)."""
    path = preferences_path()
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(load() | choices, file, indent=1)
    os.replace(temporary, path)
