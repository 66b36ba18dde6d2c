# The proposal fixtures of tests/projecten serve the form tests as well.
from tests.projecten.after_funding import running  # noqa: F401
from tests.projecten.conftest import (  # noqa: F401
    budget_year,
    complete_fields,
    draft,
    submitted,
)
