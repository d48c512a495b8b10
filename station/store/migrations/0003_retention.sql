-- 0003: retention closes its gaps.
-- Buyer data once erased (retention) is never stored again for that order, whatever writes it:
-- an upstream update of an old order re-sends the recipient, and the purge only looks at orders not
-- yet erased, so a re-inserted recipient would otherwise live on for good.

CREATE TRIGGER recipients_stay_erased_insert
BEFORE INSERT ON recipients
WHEN (SELECT pii_erased_at FROM orders WHERE order_id = NEW.order_id) IS NOT NULL
BEGIN
    SELECT RAISE(IGNORE);
END;

CREATE TRIGGER recipients_stay_erased_update
BEFORE UPDATE ON recipients
WHEN (SELECT pii_erased_at FROM orders WHERE order_id = NEW.order_id) IS NOT NULL
BEGIN
    SELECT RAISE(IGNORE);
END;

-- A label document prints the address: it is buyer data too.
CREATE TRIGGER label_documents_stay_erased
AFTER UPDATE OF label_document ON packages
WHEN NEW.label_document IS NOT NULL
    AND (SELECT pii_erased_at FROM orders WHERE order_id = NEW.order_id) IS NOT NULL
BEGIN
    UPDATE packages SET label_document = NULL WHERE package_id = NEW.package_id;
END;

-- Every folder a backup was written to: pruning and seller deletion reach them all, not only the
-- folder in today's setting. Paths only, no buyer data.
CREATE TABLE backup_folders (
    folder     TEXT PRIMARY KEY,
    first_used TEXT NOT NULL,
    last_used  TEXT NOT NULL
);
