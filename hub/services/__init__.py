"""The hub's services: what routers and the command line call. No SQL here (see hub.store)."""
