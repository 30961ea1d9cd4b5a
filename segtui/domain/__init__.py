"""Domain services: plain Python over the store, no Textual; errors are `DomainError`."""
