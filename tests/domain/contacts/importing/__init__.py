"""Tests of the contact import."""
