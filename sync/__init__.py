"""SP-API pieces the hub's engine uses (HTTP client, API families, mapping, identifiers, label rules), the
station's hub client and hub sync, and the SP-API simulator. A station never calls SP-API itself (issue 13)."""
