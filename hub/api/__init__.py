"""The hub's HTTP layer: thin routers over hub services (see hub.api.app.create_app)."""
