"""pytest setup for the interop tests: counts the tampered documents rejected and says how many."""

from __future__ import annotations

import pytest

MUTATIONS = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def mutations(pytestconfig: pytest.Config) -> dict[str, int]:
    """Tests record here how many tampered documents verify.py rejected, by kind."""
    return pytestconfig.stash.setdefault(MUTATIONS, {})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    counts = config.stash.get(MUTATIONS, {})
    if counts:
        detail = ", ".join(f"{kind} {count}" for kind, count in counts.items())
        terminalreporter.write_line(f"interop: verify.py rejected {sum(counts.values())} tampered documents ({detail})")
