"""``rostercheck serve``: the upload service under uvicorn."""

from __future__ import annotations

from pathlib import Path

import typer


def run_server(host: str, port: int, data_dir: Path | None, **app_options) -> None:
    import uvicorn

    from rostercheck.web.app import create_app
    from rostercheck.web.db import resolve_data_dir

    root = resolve_data_dir(data_dir)
    app = create_app(root, **app_options)
    typer.echo(f"Roostercheck draait op http://{host}:{port}/ (gegevens in {root}). Stoppen: Ctrl+C.")
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("Let op: zet de dienst achter HTTPS (reverse proxy) als andere computers hem gebruiken.", err=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        server_header=False,
        timeout_keep_alive=5,
        limit_concurrency=64,
    )
