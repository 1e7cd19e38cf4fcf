-- Digest runs resume what a dead run left (docs/digest.md). One run at a time holds a lock
-- (store.RunLock), so rows still 'sending' or 'unconfirmed' when a run starts were left by a run
-- that died, and are sent again.
-- state 'sending': claimed, the SMTP transaction under way; the end of the message not yet sent,
-- so the server cannot have accepted it. 'unconfirmed': the end of the message was sent, the
-- server's answer not recorded; the server may have accepted it.
-- message_id: the Message-ID the digest goes out with, kept so that a digest sent again after a
-- crash carries the same one as a copy the server may have accepted (receiving mail systems
-- treat messages with one Message-ID as one).
ALTER TABLE digest_ledger ADD COLUMN message_id TEXT;
-- The state V4 called 'uncertain' is 'unconfirmed' now.
UPDATE digest_ledger SET state = 'unconfirmed' WHERE state = 'uncertain';
