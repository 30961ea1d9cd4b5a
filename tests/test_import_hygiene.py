"""The domain and the store never import Textual (they serve the CLI and scripts too)."""
import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import segtui.domain, segtui.store
for package in (segtui.domain, segtui.store):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not module.name.split(".")[-1][0].isdigit():
            importlib.import_module(module.name)
import segtui.cli
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
assert not loaded, loaded
print("clean")
"""


def test_domain_and_store_do_not_import_textual():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"
