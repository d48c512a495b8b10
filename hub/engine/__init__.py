"""The hub's SP-API engine (issue 12): label ledger, confirmation outbox."""
