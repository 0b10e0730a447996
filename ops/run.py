"""`make run`: prepare the store, start every process, say where things are, stop on Ctrl-C."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time

from ops import stack
from settings import ROOT, get_settings


def say(message: str) -> None:
    # Output may be piped to a program that has ended already (`| tee` on Ctrl-C).
    with contextlib.suppress(BrokenPipeError):
        print(f"[run] {message}", flush=True)


def prepare() -> None:
    python = str(stack.APP_PYTHON)
    subprocess.run([python, "-m", "casework", "migrate"], cwd=ROOT, check=True)
    subprocess.run([python, "-m", "casework", "demo-roster"], cwd=ROOT, check=True)
    subprocess.run([python, "-m", "console", "ensure-admin"], cwd=ROOT, check=True)


def main() -> int:
    settings = get_settings()
    prepare()
    services = [stack.actions(settings), stack.bot(settings), stack.console(settings)]
    processes = stack.Stack(services, settings.data_dir / "logs")
    say("starting the action server, the console and the bot; the bot loads its model,")
    say("which takes about 15-100 seconds on two cores (logs in var/logs/)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        processes.start(progress=say)
        say("ready:")
        say("  bot (Rasa REST channel): http://localhost:5005/webhooks/rest/webhook")
        say(f"  action server:           http://localhost:{settings.action_port}")
        say(f"  staff console:           http://localhost:{settings.console_port}")
        say("talk to the bot with `make chat`; stop everything with Ctrl-C")
        while all(s.exited() is None for s in services):
            time.sleep(1)
        say("a process stopped; see var/logs/")
        return 1
    except stack.StackError as error:
        say(str(error))
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        processes.stop()  # first: the terminal may already be gone
        say("stopped")


if __name__ == "__main__":
    sys.exit(main())
