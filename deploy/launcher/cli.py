"""`lotse-stack`: install the local stack's pieces, or run the whole platform on 127.0.0.1."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from deploy.launcher import ports
from deploy.launcher.kafka import KafkaJars
from deploy.launcher.process import LauncherError
from deploy.launcher.stack import LocalStack, StackConfig

REPO = Path(__file__).resolve().parents[2]
LOCAL = REPO / ".local"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="lotse-stack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install", help="resolve the Kafka jars from Maven Central (once per pom change)")
    run = commands.add_parser("run", help="start Kafka, Temporal, the four services and the worker")
    run.add_argument("--data-dir", type=Path, default=LOCAL / "data")
    run.add_argument("--kafka-port", type=int, default=ports.KAFKA)
    run.add_argument("--temporal-port", type=int, default=ports.TEMPORAL)
    run.add_argument("--temporal-ui-port", type=int, default=ports.TEMPORAL_UI)
    args = parser.parse_args(argv)
    try:
        if args.command == "install":
            KafkaJars.ensure(LOCAL / "kafka" / "lib")
        else:
            _run(StackConfig(data_dir=args.data_dir.resolve(), kafka_lib_dir=LOCAL / "kafka" / "lib",
                             kafka_port=args.kafka_port, temporal_port=args.temporal_port,
                             temporal_ui_port=args.temporal_ui_port))
    except LauncherError as exc:
        sys.exit(f"lotse-stack: {exc}")


def _run(config: StackConfig) -> None:
    stack = LocalStack(config)

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # Installed explicitly: a shell starts background jobs with SIGINT ignored.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    started = time.monotonic()
    try:
        print(f"starting Lotse; logs in {config.logs}/", flush=True)
        stack.start()
        print(stack.summary(), f"\n(started in {time.monotonic() - started:.1f} s)", flush=True)
        while True:
            time.sleep(1)
            _check_alive(stack)
    except KeyboardInterrupt:
        print("\nstopping Lotse …", flush=True)
    finally:
        # A second Ctrl-C (or the SIGTERM after it) must not cut the orderly shutdown short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()
        print("Lotse stopped.", flush=True)


def _check_alive(stack: LocalStack) -> None:
    for process in stack.processes:
        if not process.is_running:
            raise LauncherError(process.failure("stopped unexpectedly"))


if __name__ == "__main__":
    main()
