"""Tests of the store-free Word package."""
