"""Accounts of the upload service: made on the command line, used by API and pages.

A token is 32 random bytes (``secrets.token_urlsafe``), printed once. Only its
SHA-256 is stored: a stolen database does not give working tokens, and a random
256-bit token needs no slow password hash. Comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

import typer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from rostercheck.web.db import ROLES, Database, User, resolve_data_dir

TOKEN_PREFIX = "rc_"
# A revoked account keeps its row (its uploads name it) but its token_hash is replaced
# by this prefix and random hex: no SHA-256 hex digest can ever equal it.
REVOKED_PREFIX = "revoked:"


class AccountError(ValueError):
    pass


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(db: Database, name: str, org: str, role: str) -> tuple[User, str]:
    """Make an account; returns it with its token (the only time the token exists in clear)."""
    name, org, role = name.strip(), org.strip(), role.strip().lower()
    if not name or not org:
        raise AccountError("naam en organisatie mogen niet leeg zijn")
    if role not in ROLES:
        raise AccountError(f"onbekende rol {role!r}; kies provider of auditor")
    token = new_token()
    user = User(name=name, org=org, role=role, token_hash=hash_token(token))
    with db.session() as s:
        s.add(user)
        try:
            s.commit()
        except IntegrityError:
            raise AccountError(f"er bestaat al een account met de naam {name!r}") from None
        s.refresh(user)
    return user, token


def user_by_token(db: Database, token: str | None) -> User | None:
    """The account a bearer token belongs to, or None."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token)
    with db.session() as s:
        user = s.scalars(select(User).where(User.token_hash == digest)).first()
    if user is None or not hmac.compare_digest(user.token_hash, digest):
        return None
    return user


def user_by_login(db: Database, name: str, token: str) -> User | None:
    """The browser login: account name plus the API token as password."""
    if not name or not token or len(token) > 200 or len(name) > 200:
        return None
    digest = hash_token(token)
    with db.session() as s:
        user = s.scalars(select(User).where(User.name == name.strip())).first()
    # Compare even when the name is unknown, so timing does not tell which names exist.
    expected = user.token_hash if user is not None else hash_token(secrets.token_urlsafe(32))
    if not hmac.compare_digest(expected, digest) or user is None:
        return None
    return user


def user_by_id(db: Database, user_id: int) -> User | None:
    with db.session() as s:
        return s.get(User, user_id)


def is_revoked(user: User) -> bool:
    return user.token_hash.startswith(REVOKED_PREFIX)


def _named(s, name: str) -> User:
    user = s.scalars(select(User).where(User.name == name.strip())).first()
    if user is None:
        raise AccountError(f"er is geen account met de naam {name!r}")
    return user


def rotate_token(db: Database, name: str) -> tuple[User, str]:
    """A new token for the account (also un-revokes it); its sessions end."""
    from rostercheck.web.sessions import end_sessions_of

    token = new_token()
    with db.session() as s:
        user = _named(s, name)
        user.token_hash = hash_token(token)
        s.commit()
        s.refresh(user)
    end_sessions_of(db, user.id)
    return user, token


def revoke_user(db: Database, name: str) -> tuple[User, int]:
    """The account's token stops working and its sessions end; returns sessions ended."""
    from rostercheck.web.sessions import end_sessions_of

    with db.session() as s:
        user = _named(s, name)
        user.token_hash = REVOKED_PREFIX + secrets.token_hex(28)
        s.commit()
        s.refresh(user)
    return user, end_sessions_of(db, user.id)


def list_users(db: Database) -> list[User]:
    with db.session() as s:
        return list(s.scalars(select(User).order_by(User.org, User.name)))


def _open_db(data_dir: Path | None, database_url: str | None) -> Database:
    return Database(resolve_data_dir(data_dir), database_url)


def add_user_cli(name: str, org: str, role: str, data_dir: Path | None, database_url: str | None = None) -> None:
    """``rostercheck users add``: prints the new token once."""
    db = Database(resolve_data_dir(data_dir), database_url)
    try:
        user, token = add_user(db, name, org, role)
    except AccountError as exc:
        typer.echo(f"Account niet gemaakt: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        db.dispose()
    typer.echo(f"Account {user.name} ({user.role}, organisatie {user.org}) gemaakt.")
    typer.echo("API-token (wordt maar één keer getoond; bewaar het veilig):")
    typer.echo(token)


def _fail(exc: AccountError) -> None:
    typer.echo(f"Niet gelukt: {exc}", err=True)
    raise typer.Exit(2) from None


def rotate_cli(name: str, data_dir: Path | None, database_url: str | None = None) -> None:
    """``rostercheck users rotate NAME``: a new token, printed once; the old one and every session end."""
    db = _open_db(data_dir, database_url)
    try:
        user, token = rotate_token(db, name)
    except AccountError as exc:
        _fail(exc)
    finally:
        db.dispose()
    typer.echo(f"Nieuw token voor {user.name}; het oude token en alle sessies van dit account werken niet meer.")
    typer.echo("API-token (wordt maar één keer getoond; bewaar het veilig):")
    typer.echo(token)


def revoke_cli(name: str, data_dir: Path | None, database_url: str | None = None) -> None:
    """``rostercheck users revoke NAME``: the token stops working, open sessions end."""
    db = _open_db(data_dir, database_url)
    try:
        user, ended = revoke_user(db, name)
    except AccountError as exc:
        _fail(exc)
    finally:
        db.dispose()
    typer.echo(f"Account {user.name} ingetrokken: token ongeldig, {ended} sessie(s) beëindigd. "
               f"Een nieuw token: rostercheck users rotate {user.name}")


def list_cli(data_dir: Path | None, database_url: str | None = None) -> None:
    """``rostercheck users list``: every account with its state and open sessions (no tokens)."""
    from rostercheck.web.privacy import AMSTERDAM
    from rostercheck.web.sessions import session_counts
    from datetime import timezone

    db = _open_db(data_dir, database_url)
    try:
        users, sessions, settings = list_users(db), session_counts(db), org_settings(db)
    finally:
        db.dispose()
    if not users:
        typer.echo("Nog geen accounts. Maak er een: rostercheck users add NAAM --org ORGANISATIE --role provider")
        return

    def local(t) -> str:
        return t.replace(tzinfo=timezone.utc).astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M") if t else "–"

    rows = [("naam", "organisatie", "rol", "status", "cao", "sessies", "laatst actief", "aangemaakt")]
    for u in users:
        n, last = sessions.get(u.id, (0, None))
        rows.append((u.name, u.org, u.role, "ingetrokken" if is_revoked(u) else "actief",
                     settings.get(u.org, "none"), str(n), local(last), local(u.created_at)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


# --- organisation settings --------------------------------------------------------


def org_settings(db: Database) -> dict[str, str]:
    """The collective agreement per organisation (organisations not listed: none)."""
    from rostercheck.web.db import OrgSettings

    with db.session() as s:
        return {o.org: o.cao for o in s.scalars(select(OrgSettings))}


def set_org_cao(db: Database, org: str, cao: str) -> None:
    from rostercheck.checker import CAO_SETS
    from rostercheck.web.db import OrgSettings

    org = org.strip()
    if cao != "none" and cao not in CAO_SETS:
        raise AccountError(f"onbekende cao {cao!r}; kies none, " + ", ".join(sorted(CAO_SETS)))
    with db.session() as s:
        if s.scalars(select(User).where(User.org == org)).first() is None:
            raise AccountError(f"er is geen account van organisatie {org!r}")
        row = s.get(OrgSettings, org)
        if row is None:
            s.add(OrgSettings(org=org, cao=cao))
        else:
            row.cao = cao
        s.commit()


def org_settings_cli(org: str, cao: str | None, data_dir: Path | None, database_url: str | None = None) -> None:
    """``rostercheck users org-settings ORG [--cao NAME]``: shows or sets the organisation's cao."""
    db = _open_db(data_dir, database_url)
    try:
        if cao is not None:
            set_org_cao(db, org, cao)
        current = org_settings(db).get(org.strip(), "none")
    except AccountError as exc:
        _fail(exc)
    finally:
        db.dispose()
    typer.echo(f"Organisatie {org.strip()}: cao {current}" + (" (geldt voor elke controle van nieuwe uploads)" if cao is not None else ""))
