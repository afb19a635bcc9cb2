from tests.accidents.conftest import make_accident  # noqa: F401 - fixtures, found by name
from tests.alerts.conftest import publish  # noqa: F401
from tests.hazards.conftest import gov_hazard, make_hazard, self_hazard  # noqa: F401
