"""The embedded SP-API simulator (``pacific-station sim``; ``start_simulator`` in-process)."""

from sync.simulator.cli import main
from sync.simulator.faults import FaultPlan
from sync.simulator.server import CallRecord
from sync.simulator.simulator import SellerInfo, Simulator, start_simulator

__all__ = ["CallRecord", "FaultPlan", "SellerInfo", "Simulator", "main", "start_simulator"]
