"""segtui: marketing segments and interactions over a contact base, in a terminal."""
__version__ = "0.1.0"
