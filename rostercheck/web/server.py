"""``rostercheck serve``: the upload service under uvicorn."""

from __future__ import annotations

from pathlib import Path

import typer


def run_server(host: str, port: int, data_dir: Path | None, **app_options) -> None:
    import uvicorn

    from rostercheck.web.app import DataFolderError, create_app

    try:
        app = create_app(data_dir, **app_options)
    except DataFolderError as exc:
        typer.echo(f"Roostercheck start niet: {exc}", err=True)
        raise typer.Exit(2) from None
    root = app.state.data_dir
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
