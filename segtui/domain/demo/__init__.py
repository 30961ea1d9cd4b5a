"""`segtui demo`: a consistent demo company with contacts, templates, documents and segments."""
