"""The only place with SQL: schema and migrations, the Store (connection, transactions,
retries) and one repository module per subject."""
