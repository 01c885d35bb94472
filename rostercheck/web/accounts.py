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
