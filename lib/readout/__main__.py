"""``python -m readout``: the command line of :mod:`readout.cli`."""

import sys

try:
    from readout.cli import main
except KeyboardInterrupt:  # Ctrl-C while the library is still loading: nothing has started, nothing to clear up
    print("interrupted before the command started", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
