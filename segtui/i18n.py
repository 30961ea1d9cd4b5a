"""gettext for every UI string: `_("text")`; English unless a catalogue for the language exists.

Call `setup()` before importing the TUI: bindings and column titles are translated at import time.
"""
import functools
import gettext
import warnings

from segtui import locale_build
from segtui.locale_build import DOMAIN, LOCALE_DIR, CatalogueError

_translation: gettext.NullTranslations = gettext.NullTranslations()


def setup(lang: str | None = None) -> None:
    """Choose the UI language from `lang` (e.g. "sv"), else from LANGUAGE / LC_ALL / LANG."""
    global _translation
    refresh_catalogues()
    languages = [lang] if lang else None
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)


def refresh_catalogues() -> None:
    """Recompile a .mo older than its PO fragments (a source checkout whose parts changed); where
    the package folder is read-only, the installed .mo is used as it is."""
    for language_dir in locale_build.languages(LOCALE_DIR):
        if locale_build.is_stale(language_dir):
            try:
                locale_build.compile_language(language_dir)
            except (OSError, CatalogueError) as exc:
                warnings.warn(f"the {language_dir.name} catalogue was not rebuilt: {exc}",
                              stacklevel=2)


def every_translation(message: str) -> set[str]:
    """`message` and its translation in every language segtui has a catalogue for: what a
    person may type for it, whatever the language of the user interface."""
    return {message, *(catalogue.gettext(message) for catalogue in _every_catalogue())}


@functools.cache
def _every_catalogue() -> tuple[gettext.NullTranslations, ...]:
    return tuple(gettext.translation(DOMAIN, LOCALE_DIR, languages=[folder.name], fallback=True)
                 for folder in locale_build.languages(LOCALE_DIR))


def _(message: str) -> str:
    return _translation.gettext(message)


def n_(one: str, many: str, count: int) -> str:
    """The singular or plural form of a message for `count`, translated, `{count}` filled in."""
    return _translation.ngettext(one, many, count).format(count=count)
