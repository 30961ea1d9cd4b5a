"""The Textual user interface: the app, its screens and widgets; it calls domain services only."""
from importlib.util import find_spec
from pathlib import Path

# the folder of the packaged stylesheets (found without importlib.resources: 2 ms of start-up)
STYLES = Path(find_spec("segtui.styles").origin).parent


def stylesheet(name: str) -> str:
    """The path of a packaged .tcss file, for a widget's or app's CSS_PATH."""
    return str(STYLES / name)
