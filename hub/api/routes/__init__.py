"""Routers: one file per concern, each a thin layer over a hub service."""
