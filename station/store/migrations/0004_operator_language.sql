-- 0004: each operator reads the station in a language of their own (issue 15, Spanish).
-- The screens switch to it at login; English is the default, so existing operators keep it.

ALTER TABLE operators ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));
