-- ACC-3: a change of the recovery address mails the login address and the
-- old address a link that puts the old one back (`email` holds it, empty
-- for none). SQLite cannot alter a CHECK: the table is rebuilt.
CREATE TABLE email_tokens_new (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    CHECK (purpose IN ('verify_email', 'verify_recovery_email', 'reset_password', 'staff_setup', 'undo_recovery_change'))
);
INSERT INTO email_tokens_new (id, user_id, purpose, token_hash, email, created_at, expires_at, used_at)
    SELECT id, user_id, purpose, token_hash, email, created_at, expires_at, used_at FROM email_tokens;
DROP TABLE email_tokens;
ALTER TABLE email_tokens_new RENAME TO email_tokens;
CREATE UNIQUE INDEX email_tokens_token_hash_key ON email_tokens (token_hash);
CREATE INDEX email_tokens_user_id_idx ON email_tokens (user_id);
