"""The Textual user interface: the app, its screens and widgets; it calls domain services only."""
from importlib.resources import files

STYLES = files("segtui.styles")


def stylesheet(name: str) -> str:
    """The path of a packaged .tcss file, for a widget's or app's CSS_PATH."""
    return str(STYLES / name)
