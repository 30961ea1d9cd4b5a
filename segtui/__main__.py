"""`python -m segtui`: the same entry point as the `segtui` command."""
import sys

from segtui.launch import main

sys.exit(main())
