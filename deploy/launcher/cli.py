"""`lotse-stack`: install the local stack's pieces, or run the whole platform on 127.0.0.1.

`lotse-stack run` also starts the demo simulator (unless `--no-simulation`): staff and employers of the
demo district acting over the services' HTTP APIs, on a compressed calendar that the journey worker
shares (`--seconds-per-month` sets both).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import FrameType

from deploy.launcher import node_packages, ports
from deploy.launcher.kafka import KafkaJars
from deploy.launcher.process import LauncherError
from deploy.launcher.simulation import SimulatorProcess
from deploy.launcher.stack import LocalStack, StackConfig
from deploy.launcher.worker_cache import journey_cache_size
from simulator.cli import add_simulation_arguments, seconds_per_month

REPO = Path(__file__).resolve().parents[2]
LOCAL = REPO / ".local"


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    try:
        if args.command == "install":
            KafkaJars.ensure(LOCAL / "kafka" / "lib")
            node_packages.ensure(REPO)
        else:
            _run(*plan(args))
    except LauncherError as exc:
        sys.exit(f"lotse-stack: {exc}")


def plan(args: argparse.Namespace) -> tuple[StackConfig, list[str] | None]:
    """The stack's configuration and the simulator's options (None: no simulation), on one calendar."""
    month = args.seconds_per_month if args.no_simulation else seconds_per_month(args)
    config = StackConfig(
        data_dir=args.data_dir.resolve(),
        kafka_lib_dir=LOCAL / "kafka" / "lib",
        kafka_port=args.kafka_port,
        temporal_port=args.temporal_port,
        temporal_ui_port=args.temporal_ui_port,
        seconds_per_month=month,
        max_cached_workflows=journey_cache_size(None if args.no_simulation else args.clients, args.offices),
        bridges=args.bridges,
    )
    if args.free_ports:  # beside other stacks on one machine: every port a free one, the rest as asked
        free = StackConfig.on_free_ports(config.data_dir, config.kafka_lib_dir, config.seconds_per_month)
        config = replace(free, max_cached_workflows=config.max_cached_workflows, bridges=config.bridges)
    if args.startup_seconds is not None:
        config = replace(config, startup_seconds=args.startup_seconds)
    return config, None if args.no_simulation else simulator_argv(args, config)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lotse-stack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install", help="fetch the Kafka jars and the npm packages (once per pom / lock change)")
    run = commands.add_parser("run", help="start Kafka, Temporal, the four services, the worker and the simulator")
    run.add_argument("--data-dir", type=Path, default=LOCAL / "data")
    run.add_argument("--kafka-port", type=int, default=ports.KAFKA)
    run.add_argument("--temporal-port", type=int, default=ports.TEMPORAL)
    run.add_argument("--temporal-ui-port", type=int, default=ports.TEMPORAL_UI)
    run.add_argument(
        "--bridges",
        type=_at_least_one,
        default=1,
        help="event→signal bridges sharing the Kafka partitions: the worker's own plus N-1 processes (default 1)",
    )
    run.add_argument(
        "--startup-seconds",
        type=float,
        default=None,
        help="how long each service may take to answer /health (default 60, or LOTSE_STARTUP_SECONDS; the worker: "
        "LOTSE_WORKER_STARTUP_SECONDS, default 180)",
    )
    run.add_argument(
        "--free-ports",
        action="store_true",
        help="every port (Kafka, Temporal, services, worker, staff app, codec server) a free one, for a stack "
        "beside another on the same machine; the summary prints them",
    )
    run.add_argument(
        "--no-simulation",
        action="store_true",
        help="only the platform; journeys on the real calendar unless --seconds-per-month is given",
    )
    add_simulation_arguments(run)
    return parser


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return value


def simulator_argv(args: argparse.Namespace, config: StackConfig) -> list[str]:
    """`python -m simulator` options for the stack in `config`, on the calendar the worker uses."""
    argv = [
        "--clients",
        str(args.clients),
        "--months",
        str(args.months),
        "--seed",
        str(args.seed),
        "--seconds-per-month",
        f"{config.seconds_per_month:g}",
        "--keys",
        str(config.data_dir / "keys"),
        "--journeys-url",
        f"http://127.0.0.1:{config.journeys_api_port}",
    ]
    for office in args.offices or []:
        argv += ["--office", office]
    for name, port in config.service_ports.items():
        argv += [f"--{name}-url", f"http://127.0.0.1:{port}"]
    return argv


def _run(config: StackConfig, simulation: list[str] | None) -> None:
    stack = LocalStack(config)
    simulator: SimulatorProcess | None = None

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
        if simulation is not None:
            simulator = SimulatorProcess(simulation).start()
            print(
                f"demo simulator started (pid {simulator.pid}; `kill -USR1 {simulator.pid}` or Enter prints "
                "the district figures)",
                flush=True,
            )
        while True:
            time.sleep(1)
            _check_alive(stack)
            if simulator is not None and not simulator.is_running:
                print(
                    f"simulation finished (exit code {simulator.returncode}); the platform keeps running — "
                    "Ctrl-C stops it",
                    flush=True,
                )
                simulator = None
    except KeyboardInterrupt:
        print("\nstopping Lotse …", flush=True)
    finally:
        # A second Ctrl-C (or the SIGTERM after it) must not cut the orderly shutdown short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if simulator is not None:
            simulator.stop()  # its final figures, while the services still answer
        stack.stop()
        print("Lotse stopped.", flush=True)


def _check_alive(stack: LocalStack) -> None:
    for process in stack.processes:
        if not process.is_running:
            raise LauncherError(process.failure("stopped unexpectedly"))


if __name__ == "__main__":
    main()
