-- 0006: operators of a station joined to a hub come from the hub (issue 13).
-- origin 'hub': a packer whose badge + PIN verifier was synced down (badge_digest is the lookup under the
-- hub's badge key, secret_hash the hub's Argon2id PIN hash wrapped under the station's pepper), or a
-- lead/admin/auditor who logged in through the hub (no verifier here: secret_hash is empty).
-- origin 'local': created at this station; a joined station keeps their rows (audit names) without verifiers.

ALTER TABLE operators ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'hub'));
