"""The store: Peewee models, the database proxy and schema migrations (no Textual here)."""
