"""``partygraph serve``: the SPARQL endpoint and explorer pages on one local port."""

from __future__ import annotations

import click

from partygraph.cli.common import store_options


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
    help="Seconds a query may run before it is stopped.",
)  # fmt: skip
@click.option(
    "--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
    help="Most rows a query may return (more is an error, never a cut result).",
)  # fmt: skip
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query worker processes.")  # fmt: skip
@click.option("--cors", is_flag=True, help="Allow pages of other origins to query (CORS).")
@click.option(
    "--allow-host", "allow_hosts", multiple=True, metavar="NAME",
    help="Another Host name clients may use (repeatable; the --host address is allowed).",
)  # fmt: skip
@store_options
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    cors: bool,
    allow_hosts: tuple[str, ...],
    store: dict,
) -> None:
    """Serve the graph: SPARQL endpoint, editor, saved queries, pages and network.

    Read-only; bound to 127.0.0.1 unless --host says otherwise. See docs/serve.md.

    \b
    Examples:
      partygraph serve
      partygraph serve --store out/store --port 8080 --timeout 10
    """
    import signal
    import threading

    from partygraph.cli.common import open_project
    from partygraph.errors import PartygraphError
    from partygraph.serve import create_app
    from partygraph.serve import serve as run_server
    from partygraph.serve.app import LOOPBACK_HOSTS
    from partygraph.store import EmbeddedStore

    project = open_project(store)
    if project.endpoint:
        graph = project.store()
    else:
        path = project.store_path
        assert path is not None  # a Project without an endpoint has a store path
        if not path.exists():
            raise PartygraphError(
                "no store here: run 'partygraph ingest PATH' first, or give --store / --endpoint",
                source=str(path),
            )
        graph = EmbeddedStore.read_only(path)  # serving never writes
    hosts = (*LOOPBACK_HOSTS, host.lower(), *allow_hosts)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # a TERM stops the workers like Ctrl-C does

    signal.signal(signal.SIGTERM, stop)
    try:
        app = create_app(
            graph,
            project.catalogue,
            registry=project.registry,
            timeout=timeout,
            max_rows=max_rows,
            cors=cors,
            allowed_hosts=hosts,
            workers=workers,
        )
    except BaseException:
        graph.close()
        raise
    # home page, search index and network page are built while the first visitor arrives
    threading.Thread(target=app.warm, daemon=True).start()
    try:
        run_server(app, host, port, ready=lambda url: click.echo(f"serving {url} (Ctrl-C stops)"))
    except OSError as e:
        raise PartygraphError(
            f"cannot listen on {host}:{port}: {e.strerror}", where="--port"
        ) from None
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        graph.close()


COMMANDS = [serve]
__all__ = ["COMMANDS", "serve"]
