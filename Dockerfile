# The upload service (rostercheck serve) as a container image. See docs/deploy.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY rostercheck ./rostercheck
COPY norms ./norms
# The package, with the PostgreSQL driver (the database may be SQLite in /data or PostgreSQL).
RUN pip install ".[postgres]" \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin rostercheck \
    && mkdir -p /data && chown rostercheck /data && chmod 0700 /data

USER rostercheck
VOLUME ["/data"]
EXPOSE 8000
# Files the service writes are private to it.
ENTRYPOINT ["/bin/sh", "-c", "umask 077 && exec \"$@\"", "--"]
CMD ["rostercheck", "serve", "--host", "0.0.0.0", "--port", "8000", "--data", "/data", \
     "--secure-cookies", "--forwarded-allow-ips", "*"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/login', timeout=4).status == 200 else 1)"
