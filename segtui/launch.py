"""The `segtui` command's entry point: start-up without Python's cycle collector.

While the modules load and Textual builds the first screen, the collector would run some thirty
times over objects that all stay alive (~30 ms of a ~250 ms start-up). `main` switches it off
before anything is imported; a sub-command switches it on again at once (`cli.main`), the TUI
once its first screen is drawn (`SegtuiApp.on_mount`).
"""
import gc


def main() -> int:
    gc.disable()
    from segtui.cli import main as run_command

    return run_command()
