"""The tests: service tests per domain feature, the store, the CLI as real processes, the TUI
with Pilot."""
