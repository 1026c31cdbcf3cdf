-- The secret that signs login cookies, kept in the database so that every app server on
-- one database shares it (a login works whichever server answers). One row, made once.
CREATE TABLE signing_secret (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
