"""The demo municipality: a synthetic register, geography, councils, budgets and history,
written into a new database (`python -m data.generate`)."""
