"""Synthetic second-generation ID card fronts and phone-photo degradations, for tests and bench."""
