"""SP-API adapters for the station: HTTP client, API families, mapping, sync engine, simulator."""
