"""The workflow bench (station + in-process simulator on one virtual clock) for the crash-window tests."""

from tests.workflow.conftest import bench  # noqa: F401 - re-exported fixture
