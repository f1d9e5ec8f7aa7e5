"""Allow ``python -m briefpress``."""

from briefpress.cli import main

raise SystemExit(main())
