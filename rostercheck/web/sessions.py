"""Browser sessions held on the server, and the login rate limit.

The cookie carries 32 random bytes and nothing else; the ``sessions`` table holds its
SHA-256 with the account, the CSRF token of the session's forms, and two clocks: an
absolute expiry (``max_age`` from login) and an idle limit (``idle`` since the last
request). Logout deletes the row, so a copied cookie stops working at once;
``rostercheck users rotate|revoke`` deletes every row of the account.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select

from rostercheck.web.accounts import is_revoked
from rostercheck.web.db import Database, LoginSession, User, utcnow

# last_seen is written at most this often (a write per page view is not needed to keep
# the idle limit to the minute).
_TOUCH_EVERY = timedelta(seconds=60)


def _digest(cookie_value: str) -> str:
    return hashlib.sha256(cookie_value.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ActiveSession:
    id: str
    user: User
    csrf: str


class SessionStore:
    def __init__(self, db: Database, *, max_age: int, idle: int):
        self.db = db
        self.max_age = timedelta(seconds=max_age)
        self.idle = timedelta(seconds=idle)

    def open(self, user: User) -> str:
        """A new session for ``user``; returns the cookie value (the only time it exists)."""
        value = secrets.token_urlsafe(32)
        now = utcnow()
        with self.db.session() as s:
            s.add(LoginSession(id=_digest(value), user_id=user.id, csrf=secrets.token_urlsafe(32),
                               created_at=now, last_seen=now, expires_at=now + self.max_age))
            s.commit()
        return value

    def find(self, cookie_value: str | None) -> ActiveSession | None:
        if not cookie_value or len(cookie_value) > 100:
            return None
        key = _digest(cookie_value)
        now = utcnow()
        with self.db.session() as s:
            row = s.get(LoginSession, key)
            if row is None:
                return None
            user = s.get(User, row.user_id)
            if user is None or is_revoked(user) or row.expires_at <= now or row.last_seen + self.idle <= now:
                s.delete(row)
                s.commit()
                return None
            if now - row.last_seen >= _TOUCH_EVERY:
                row.last_seen = now
                s.commit()
            return ActiveSession(row.id, user, row.csrf)

    def end(self, session_id: str) -> None:
        with self.db.session() as s:
            s.execute(delete(LoginSession).where(LoginSession.id == session_id))
            s.commit()


def end_sessions_of(db: Database, user_id: int) -> int:
    with db.session() as s:
        n = s.execute(delete(LoginSession).where(LoginSession.user_id == user_id)).rowcount
        s.commit()
    return n or 0


def delete_expired_sessions(db: Database, idle_seconds: int) -> int:
    now = utcnow()
    with db.session() as s:
        n = s.execute(
            delete(LoginSession).where(
                (LoginSession.expires_at <= now) | (LoginSession.last_seen <= now - timedelta(seconds=idle_seconds))
            )
        ).rowcount
        s.commit()
    return n or 0


def session_counts(db: Database) -> dict[int, tuple[int, object]]:
    """Per account: (open sessions, last request in any of them)."""
    with db.session() as s:
        rows = s.execute(
            select(LoginSession.user_id, func.count(), func.max(LoginSession.last_seen))
            .where(LoginSession.expires_at > utcnow())
            .group_by(LoginSession.user_id)
        ).all()
    return {uid: (n, last) for uid, n, last in rows}


class LoginLimiter:
    """Failed logins per account name and per client address in a sliding window.

    Held in the server process (one process serves the site, see docs/deploy.md):
    after ``per_account`` failures for one name, or ``per_address`` from one
    address, within ``window`` seconds, further attempts are refused until the
    oldest failure leaves the window, whether or not the token is right. A success
    clears the name's failures (not the address's).
    """

    def __init__(self, per_account: int = 5, per_address: int = 20, window: float = 900.0, clock=time.monotonic):
        self.per_account = per_account
        self.per_address = per_address
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        self._fails: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        q = self._fails[key]
        while q and q[0] <= now - self.window:
            q.popleft()
        if not q:
            del self._fails[key]
            return deque()
        return q

    def retry_after(self, name: str, address: str) -> int:
        """Seconds until an attempt is allowed again; 0 when it is allowed now."""
        now = self.clock()
        with self._lock:
            waits = []
            for key, limit in ((("name", name.strip().casefold()), self.per_account), (("addr", address), self.per_address)):
                q = self._recent(key, now)
                if len(q) >= limit:
                    waits.append(q[len(q) - limit] + self.window - now)
            return max(1, int(max(waits)) + 1) if waits else 0

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            for key in (("name", name.strip().casefold()), ("addr", address)):
                self._fails[key].append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._fails.pop(("name", name.strip().casefold()), None)
