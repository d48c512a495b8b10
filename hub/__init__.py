"""The hub: Pacific Prep WMS's server. Holds Amazon's secrets, operators, stations and sellers.

Dependencies point inward: hub -> station (permissions, domain, redactor, audit chain) and
hub -> sync (SP-API client, simulator); nothing in station/, sync/ or drivers/ imports hub.
"""

__version__ = "0.1.0"
