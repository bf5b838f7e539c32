-- ACC-3: a change of the recovery address mails the login address and the
-- old address a link that puts the old one back (`email` holds it, empty
-- for none).
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'verify_recovery_email', 'reset_password', 'staff_setup', 'undo_recovery_change'));
