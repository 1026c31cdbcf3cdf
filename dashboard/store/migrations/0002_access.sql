-- Access control (issue 9).
-- DuckDB refuses NOT NULL on ALTER TABLE ... ADD COLUMN of a table that other tables
-- refer to (app_user_neighbourhood); the defaults fill existing rows and the
-- repository (store/users.py) always writes these columns.

-- Part of every signed login cookie: raising it (logout, new password, new role)
-- makes all cookies issued before invalid.
ALTER TABLE app_user ADD COLUMN session_version INTEGER DEFAULT 1;
-- A disabled account cannot log in; users are never deleted (the audit log names them).
ALTER TABLE app_user ADD COLUMN active BOOLEAN DEFAULT TRUE;
-- An organiser for every neighbourhood, including ones added later.
ALTER TABLE app_user ADD COLUMN all_neighbourhoods BOOLEAN DEFAULT FALSE;
