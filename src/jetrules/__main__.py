"""``python -m jetrules``: the same as the ``jetrules`` command."""

import sys

from jetrules.cli import main

sys.exit(main())
