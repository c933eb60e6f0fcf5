"""``python -m readout``: the command line of :mod:`readout.cli`.

Ctrl-C while the library is still loading ends the command at once (exit 130, a one-line
message): nothing has started, so there is nothing to clear up and no traceback to show.
"""

import signal
import sys


def _interrupted_while_loading(signum, frame):
    print("interrupted before the command started", file=sys.stderr)
    raise SystemExit(130)


_usual = signal.getsignal(signal.SIGINT)  # Python's own, or SIG_IGN for a process started in the background
if _usual is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted_while_loading)
from readout.cli import main  # noqa: E402  (after the handler, which covers the import)

signal.signal(signal.SIGINT, _usual)  # from here the command handles Ctrl-C itself
raise SystemExit(main())
