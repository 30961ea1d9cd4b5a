"""gettext for every UI string: `_("text")`; English unless a catalogue for the language exists."""
import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
_translation: gettext.NullTranslations = gettext.NullTranslations()


def setup(lang: str | None = None) -> None:
    """Choose the UI language from `lang` (e.g. "sv"), else from LANGUAGE / LC_ALL / LANG."""
    global _translation
    languages = [lang] if lang else None
    _translation = gettext.translation("segtui", LOCALE_DIR, languages=languages, fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)



def n_(one: str, many: str, count: int) -> str:
    """The singular or plural form of a message for `count`, translated, `{count}` filled in."""
    return _translation.ngettext(one, many, count).format(count=count)
