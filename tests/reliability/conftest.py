"""The workflow bench (a station joined to an embedded hub on the simulator) for the crash-window tests."""

from tests.workflow.conftest import bench  # noqa: F401 - re-exported fixture
