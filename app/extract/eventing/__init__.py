"""Events from dated clauses: triggers, summaries, kinds, status, participants, lead sentences."""
