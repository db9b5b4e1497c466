"""Temporal expressions: grammar, TIMEX3 resolution against the publication date, tense."""
