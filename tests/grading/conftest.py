from sandbox_support import require_sandbox  # noqa: F401 (the fixture of needs_sandbox)
