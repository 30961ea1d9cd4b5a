"""The Textual stylesheets (.tcss), packaged as `segtui.styles` so an installed wheel finds them."""
