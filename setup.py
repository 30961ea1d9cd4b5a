"""Build hook only (the project is configured in pyproject.toml): the wheel gets the compiled
gettext catalogues, segtui/locale/<lang>/LC_MESSAGES/segtui.mo, made from the PO fragments."""
import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _locale_build():
    """segtui/locale_build.py loaded by path: segtui is not importable while it is being built."""
    spec = importlib.util.spec_from_file_location("_segtui_locale_build",
                                                  HERE / "segtui" / "locale_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithCatalogues(build_py):
    """build_py, then the .mo files compiled into the build (the source tree for an editable
    install)."""

    def run(self):
        super().run()
        locale_build = _locale_build()
        out_dir = None if self.editable_mode else Path(self.build_lib) / "segtui" / "locale"
        locale_build.compile_all(HERE / "segtui" / "locale", out_dir)


setup(cmdclass={"build_py": BuildWithCatalogues})
