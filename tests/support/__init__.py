"""Test helpers shared by every test folder: data builders, CLI and process runners, terminals."""
