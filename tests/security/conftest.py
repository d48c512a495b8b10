"""Security suite fixtures: the station crew (one operator per role) and the workflow bench."""

from tests.station.conftest import crew  # noqa: F401 - re-exported fixture
from tests.ui.conftest import demo, window  # noqa: F401 - re-exported fixtures (the GUI data-flow test)
from tests.workflow.conftest import bench  # noqa: F401 - re-exported fixture
