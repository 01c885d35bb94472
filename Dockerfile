# The upload service (rostercheck serve) as a container image. See docs/deploy.md.
FROM python:3.11-slim-bookworm

# XDG_DATA_HOME: every command (serve, and users/purge run with docker exec) finds the
# same data folder, /var/lib/rostercheck, without --data.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    XDG_DATA_HOME=/var/lib \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY rostercheck ./rostercheck
COPY norms ./norms
# The package, with the PostgreSQL driver (the database: SQLite in the data folder, or PostgreSQL).
RUN pip install ".[postgres]" \
    && useradd --system --uid 10001 --home-dir /var/lib/rostercheck --shell /usr/sbin/nologin rostercheck \
    && mkdir -p /var/lib/rostercheck && chown rostercheck /var/lib/rostercheck && chmod 0700 /var/lib/rostercheck

USER rostercheck
VOLUME ["/var/lib/rostercheck"]
EXPOSE 8000
# Files the service writes are private to it.
ENTRYPOINT ["/bin/sh", "-c", "umask 077 && exec \"$@\"", "--"]
CMD ["rostercheck", "serve", "--host", "0.0.0.0", "--port", "8000", \
     "--secure-cookies", "--forwarded-allow-ips", "*"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/login', timeout=4).status == 200 else 1)"
