"""Numbered schema migrations, applied in order by Peewee's migration runner."""
