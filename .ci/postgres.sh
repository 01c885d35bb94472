#!/usr/bin/env bash
# Installs (Debian package "postgresql") and starts a local PostgreSQL server for the
# web tests' second run, then prints a maintenance-database URL on stdout. On any
# failure it prints the reason on stderr and exits 1: the caller then skips that run.
set -uo pipefail
fail() { echo "PostgreSQL run skipped: $*" >&2; exit 1; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || fail "no apt-get on this machine"
    { timeout 120 apt-get update && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y postgresql; } >/dev/null 2>&1 \
        || fail "apt-get install postgresql failed"
fi
python -c "import psycopg" 2>/dev/null || fail "the Python driver psycopg is not installed"
as_postgres() { if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$*"; fi; }

read -r version cluster port status _ < <(pg_lsclusters -h 2>/dev/null | head -n 1) || true
if [ -z "${version:-}" ]; then
    version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
    [ -n "$version" ] || fail "no PostgreSQL version installed"
    pg_createcluster "$version" main >/dev/null 2>&1 || fail "pg_createcluster $version main failed"
    read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
fi
started=yes
if [ "$status" != "online" ]; then
    # (its exit code alone does not decide: a cluster left down uncleanly may report a
    # failure while its recovery still brings it up; readiness below decides)
    pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || started=no
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" \
    || fail "the server on port $port did not become ready$([ "$started" = no ] && echo " (pg_ctlcluster $version $cluster start failed)")"
# A superuser for the tests (each test makes its own database).
as_postgres psql -q -p "$port" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rc_ci') THEN CREATE ROLE rc_ci LOGIN SUPERUSER PASSWORD 'rc_ci'; END IF; END \$\$;" \
    >/dev/null 2>&1 || fail "could not create the test role"
url="postgresql://rc_ci:rc_ci@127.0.0.1:${port}/postgres"
python -c "import psycopg, sys; psycopg.connect(sys.argv[1]).close()" "$url" 2>/dev/null || fail "could not connect as the test role"
echo "$url"
