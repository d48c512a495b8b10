"""The hub's SP-API engine (issue 12): order pull per seller under a lease, shared rate buckets,
change detection, ORDER_CHANGE notifications; label ledger and confirmation outbox."""
