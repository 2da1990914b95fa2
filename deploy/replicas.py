"""N TechRift replicas on loopback ports with Debian's nginx in front, started and stopped as one.

    python -m deploy.replicas start [-n 2] [--port 8500] [--dir /tmp/techrift-replicas]   # returns when all are up
    python -m deploy.replicas stop [--dir /tmp/techrift-replicas]

`start` renders deploy/nginx/techrift.conf into the run folder (the replicas' ports, the listen address), writes a
minimal nginx.conf around it (pid, logs and temporary files in the folder, so nginx runs unprivileged with
`-p DIR -c nginx.conf`), starts the replicas (`streamlit run dashboard.py`, one shared cookie secret so that a browser
moved to another replica keeps a valid XSRF cookie) and nginx, waits for every health check, and writes the process
ids to DIR/pids. `stop` ends those processes, and only those. The tests and benchmarks use `cluster()`.
Loopback only: every address here is 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "nginx" / "techrift.conf"
HOST = "127.0.0.1"
REPLICA_HEADER = "X-Techrift-Replica"  # tests only: which replica answered (the upstream's address)
DEFAULT_DIR = Path("/tmp/techrift-replicas")

MAIN_CONF = """# Written by deploy/replicas.py: nginx run unprivileged from this folder (nginx -p {dir} -c nginx.conf).
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    include {dir}/techrift.conf;
}}
"""


def nginx_binary() -> str:
    """Debian's nginx (apt-get install nginx); it is in /usr/sbin, often not on a user's PATH."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise RuntimeError("nginx not found: apt-get install -y nginx (./test does it when run as root)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def site_config(listen: str, ports: Sequence[int], replica_header: bool) -> str:
    """deploy/nginx/techrift.conf with its placeholders filled."""
    servers = "\n    ".join(f"server {HOST}:{port} max_fails=1 fail_timeout=5s;" for port in ports)
    extra = f"add_header {REPLICA_HEADER} $upstream_addr always;" if replica_header else ""
    text = SITE.read_text(encoding="utf-8")
    return text.replace("@LISTEN@;", f"{listen};").replace("@SERVERS@", servers).replace("@EXTRA@", extra)


def write_configs(run_dir: Path, proxy_port: int, ports: Sequence[int], replica_header: bool) -> Path:
    """The site and the main config in `run_dir`; the main config's path."""
    (run_dir / "tmp").mkdir(parents=True, exist_ok=True)
    (run_dir / "techrift.conf").write_text(site_config(f"{HOST}:{proxy_port}", ports, replica_header))
    # As root, nginx would run its workers as `nobody`, who cannot use this folder: keep them as the caller.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = run_dir / "nginx.conf"
    main.write_text(MAIN_CONF.format(dir=run_dir, user=user))
    return main


def replica_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.headless=true",
        f"--server.address={HOST}",
        f"--server.port={port}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
        "--server.enableXsrfProtection=true",  # the default, stated: a test checks the served app keeps it
    ]


def wait_healthy(url: str, process: subprocess.Popen | None = None, timeout: float = 60) -> None:
    """Poll URL/_stcore/health until it answers ok; RuntimeError if `process` exits first, TimeoutError after
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not become healthy in {timeout:g} s")


@dataclass
class Replica:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def address(self) -> str:
        """As nginx names it in $upstream_addr."""
        return f"{HOST}:{self.port}"


@dataclass
class Cluster:
    """Replicas and the nginx in front of them, all started by this process."""

    run_dir: Path
    proxy_port: int
    cookie_secret: str
    env: dict[str, str]
    replicas: list[Replica] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.proxy_port}"

    def start_replica(self, port: int) -> Replica:
        log = self.run_dir / f"replica-{port}.log"
        with open(log, "ab") as stream:
            process = subprocess.Popen(
                replica_command(port),
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                env=os.environ | self.env | {"STREAMLIT_SERVER_COOKIE_SECRET": self.cookie_secret},
                stdout=stream,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return Replica(port, process, log)

    def kill(self, index: int) -> None:
        """End replica `index` at once (SIGKILL): a crash, not a shutdown."""
        replica = self.replicas[index]
        replica.process.kill()
        replica.process.wait(timeout=20)

    def restart(self, index: int) -> Replica:
        """Start replica `index` again on its port and wait for its health check."""
        replica = self.start_replica(self.replicas[index].port)
        self.replicas[index] = replica
        wait_healthy(replica.url, replica.process)
        return replica

    def pids(self) -> list[int]:
        return [r.process.pid for r in self.replicas] + ([self.nginx.pid] if self.nginx else [])

    def stop(self) -> None:
        """End nginx and every replica this cluster started."""
        processes = ([self.nginx] if self.nginx else []) + [r.process for r in self.replicas]
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)


def start_cluster(
    replicas: int,
    run_dir: Path,
    proxy_port: int | None = None,
    replica_header: bool = False,
    env: dict[str, str] | None = None,
    detach: bool = False,
) -> Cluster:
    """Start `replicas` replicas and nginx; return when nginx and every replica answer their health check."""
    if not 1 <= replicas <= 8:
        raise ValueError("between 1 and 8 replicas")
    run_dir.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(run_dir.resolve(), proxy_port or free_port(), secrets.token_hex(32), env or {})
    ports = [free_port() for _ in range(replicas)]
    main_conf = write_configs(cluster.run_dir, cluster.proxy_port, ports, replica_header)
    nginx = nginx_binary()
    subprocess.run(
        [nginx, "-t", "-q", "-p", str(cluster.run_dir), "-e", str(cluster.run_dir / "error.log"), "-c", str(main_conf)],
        check=True,
    )
    try:
        cluster.replicas = [cluster.start_replica(port) for port in ports]
        # -g 'daemon off;': nginx stays this process's child, so it is ended by its process id like the replicas.
        cluster.nginx = subprocess.Popen(
            [nginx, "-p", str(cluster.run_dir), "-e", str(cluster.run_dir / "error.log"), "-c", str(main_conf)]
            + ["-g", "daemon off;"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # nginx logs to error.log in the folder
            start_new_session=detach,
        )
        for replica in cluster.replicas:
            wait_healthy(replica.url, replica.process)
        wait_healthy(cluster.url, cluster.nginx)
    except BaseException:
        cluster.stop()
        raise
    return cluster


@contextmanager
def cluster(replicas: int = 2, replica_header: bool = True, env: dict[str, str] | None = None) -> Iterator[Cluster]:
    """A cluster in a temporary folder for the duration of the block."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="techrift-replicas-") as run_dir:
        started = start_cluster(replicas, Path(run_dir), replica_header=replica_header, env=env)
        try:
            yield started
        finally:
            started.stop()


# --------------------------------------------------------------------------- command line


def _start(args: argparse.Namespace) -> int:
    run_dir = Path(args.dir)
    if (run_dir / "pids").exists():
        print(f"{run_dir}/pids exists: stop that cluster first (python -m deploy.replicas stop --dir {run_dir})")
        return 1
    started = start_cluster(args.replicas, run_dir, args.port, detach=True)
    (run_dir / "pids").write_text("\n".join(map(str, started.pids())) + "\n")
    print(f"{args.replicas} replica(s) at " + ", ".join(r.url for r in started.replicas))
    print(f"nginx: {started.url}  (logs and config in {started.run_dir})")
    return 0


def _stop(args: argparse.Namespace) -> int:
    pid_file = Path(args.dir) / "pids"
    if not pid_file.exists():
        print(f"nothing to stop: no {pid_file}")
        return 0
    for pid in map(int, pid_file.read_text().split()):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    pid_file.unlink()
    print("stopped")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.replicas", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="start N replicas and nginx in front")
    start.add_argument("-n", "--replicas", type=int, default=2)
    start.add_argument("--port", type=int, default=8500, help="nginx's loopback port (default 8500)")
    start.add_argument("--dir", default=str(DEFAULT_DIR), help=f"run folder (default {DEFAULT_DIR})")
    stop = commands.add_parser("stop", help="stop what `start` started")
    stop.add_argument("--dir", default=str(DEFAULT_DIR))
    args = parser.parse_args(argv)
    return _start(args) if args.command == "start" else _stop(args)


if __name__ == "__main__":
    sys.exit(main())
