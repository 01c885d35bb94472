"""What the API and the pages both do: store an upload, check it, make its outputs, fix it.

Reading, checking and report writing run in worker threads (at most
``work_threads`` at once); fixes go through a queue in the database worked by
``fix_workers`` threads (rostercheck.web.jobs), so a long solve never blocks other
requests. Outputs are made on first request and kept next to the upload.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import anyio
from anyio import to_thread
from sqlalchemy import select

from rostercheck.errors import InputError, RosterInputError
from rostercheck.model import Roster
from rostercheck.web.core import Core, fix_summary
from rostercheck.web.jobs import FixQueue, JobView
from rostercheck.web.db import JOB_DONE, JOB_FAILED, STATUS_CHECKED, STATUS_UNREADABLE, Database, OrgSettings, Upload, User
from rostercheck.web.privacy import neutral_label, redact_fix, redact_input_errors, third_party_roster
from rostercheck.web.storage import FileStore, storage_errors


class NotVisible(Exception):
    """The upload does not exist or the caller may not see it (both answered with 404)."""


class UploadTooLarge(Exception):
    pass


@dataclass
class UploadOutcome:
    upload: Upload
    report: dict[str, Any] | None
    errors: list[dict[str, Any]] | None


class UploadService:
    def __init__(
        self,
        db: Database,
        store: FileStore,
        core: Core,
        *,
        max_upload_bytes: int,
        fix_time_limit: float,
        fix_workers: int = 1,
        work_threads: int = 2,
    ):
        self.db = db
        self.store = store
        self.core = core
        self.max_upload_bytes = max_upload_bytes
        self.fix_time_limit = fix_time_limit
        self._work_limiter = anyio.CapacityLimiter(work_threads)
        self.jobs = FixQueue(db, self._run_fix, workers=fix_workers, time_limit=fix_time_limit)

    # --- visibility -------------------------------------------------------------

    def visible(self, user: User) -> list[Upload]:
        """Uploads the user may see, newest first: a provider its organisation's, an auditor all."""
        q = select(Upload).order_by(Upload.created_at.desc(), Upload.id)
        if user.role != "auditor":
            q = q.where(Upload.org == user.org)
        with self.db.session() as s:
            return list(s.scalars(q))

    def get(self, user: User, upload_id: str) -> Upload:
        if not isinstance(upload_id, str) or not re.fullmatch(r"[0-9a-f]{32}", upload_id):
            raise NotVisible()
        q = select(Upload).where(Upload.id == upload_id)
        if user.role != "auditor":
            q = q.where(Upload.org == user.org)
        with self.db.session() as s:
            upload = s.scalars(q).first()
        if upload is None:
            raise NotVisible()
        return upload

    # --- upload and check -------------------------------------------------------

    async def upload(self, user: User, filename: str | None, data: bytes) -> UploadOutcome:
        if len(data) > self.max_upload_bytes:
            raise UploadTooLarge()
        name = clean_filename(filename)
        digest = hashlib.sha256(data).hexdigest()
        cao = self.org_cao(user.org)
        again = self._same_upload(user.org, digest, cao)
        if again is not None:
            # A retried upload (the browser sent it twice, a script ran again): the
            # first one answers; nothing is stored twice.
            errors = json.loads(again.input_errors_json) if again.input_errors_json else None
            return UploadOutcome(again, json.loads(again.report_json) if again.report_json else None, errors)
        upload = Upload(
            id=secrets.token_hex(16),
            org=user.org,
            user_id=user.id,
            filename=name,
            storage_key=FileStore.new_key(),
            size=len(data),
            cao=cao,
            sha256=digest,
        )
        try:
            if not data:
                raise RosterInputError([InputError(type="empty_file", message="Het bestand is leeg.")])
            roster = await self._work(self.core.read, data, name)
        except RosterInputError as exc:
            return self._save_unreadable(upload, [e.model_dump() for e in exc.errors])
        except Exception as exc:  # a reader that fails on junk without a RosterInputError
            err = InputError(
                type="unreadable_file",
                message=f"Het bestand is geen leesbaar rooster (xlsx, ods, of zip met csv): {type(exc).__name__}.",
            )
            return self._save_unreadable(upload, [err.model_dump()])
        report = await self._work(self.core.check, roster, upload.cao)
        report_dict = report.to_json_dict()
        upload.status = STATUS_CHECKED
        upload.compliant = report.compliant
        counts = report.counts()
        upload.errors, upload.warnings = counts["errors"], counts["warnings"]
        upload.report_json = json.dumps(report_dict, ensure_ascii=False)
        # File first, row second; a row that cannot be written takes its file with it.
        # A process killed between the two leaves a folder without a row: `purge`
        # removes those (retention.orphan_folders).
        with storage_errors():
            self.store.save_upload(upload.storage_key, data)
            try:
                self._insert(upload)
            except BaseException:
                self.store.delete(upload.storage_key)
                raise
        return UploadOutcome(upload, report_dict, None)

    def _same_upload(self, org: str, digest: str, cao: str) -> Upload | None:
        """An earlier upload of these bytes by this organisation, judged under the same cao."""
        with self.db.session() as s:
            return s.scalars(
                select(Upload).where(Upload.org == org, Upload.sha256 == digest, Upload.cao == cao).order_by(Upload.created_at.desc())
            ).first()

    def org_cao(self, org: str) -> str:
        with self.db.session() as s:
            row = s.get(OrgSettings, org)
        return row.cao if row is not None else "none"

    def _save_unreadable(self, upload: Upload, errors: list[dict[str, Any]]) -> UploadOutcome:
        # The bytes of an unreadable file are not kept: only what the planner needs to see why.
        upload.status = STATUS_UNREADABLE
        upload.input_errors_json = json.dumps(errors, ensure_ascii=False)
        with storage_errors():
            self._insert(upload)
        return UploadOutcome(upload, None, errors)

    def _insert(self, upload: Upload) -> None:
        with self.db.session() as s:
            s.add(upload)
            s.commit()

    async def _work(self, fn, *args):
        return await to_thread.run_sync(lambda: fn(*args), limiter=self._work_limiter)

    # --- outputs ----------------------------------------------------------------
    # Everything a third party (pseudonymise=True) sees is made from
    # privacy.third_party_roster: no names, notes, own columns or file name.

    @staticmethod
    def display_name(upload: Upload, *, pseudonymise: bool) -> str:
        return neutral_label(upload.id, upload.created_at, upload.filename) if pseudonymise else upload.filename

    def input_errors(self, upload: Upload, *, pseudonymise: bool) -> list[dict[str, Any]] | None:
        if upload.input_errors_json is None:
            return None
        errors = json.loads(upload.input_errors_json)
        return redact_input_errors(errors) if pseudonymise else errors

    def report_dict(self, upload: Upload, *, pseudonymise: bool) -> dict[str, Any] | None:
        if upload.report_json is None:
            return None
        if not pseudonymise:
            return json.loads(upload.report_json)
        path = self.store.output(upload.storage_key, "report-pseudo.json")
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        report = self.core.check(self._load(upload, pseudonymise=True), upload.cao).to_json_dict()
        self.store.write_output(path, json.dumps(report, ensure_ascii=False).encode("utf-8"))
        return report

    def _load(self, upload: Upload, *, pseudonymise: bool) -> Roster:
        if upload.status != STATUS_CHECKED:
            raise NotVisible()  # nothing to show for an unreadable upload
        roster = self.core.read(self.store.read_upload(upload.storage_key), upload.filename)
        if pseudonymise:
            roster = third_party_roster(roster, self.display_name(upload, pseudonymise=True))
        return roster

    async def report_html(self, upload: Upload, *, pseudonymise: bool) -> Path:
        """The HTML report's file: written once, then served from disk (a large
        roster's report is not held in memory between requests)."""
        path = self.store.output(upload.storage_key, f"report-{_variant(pseudonymise)}.html")

        def make() -> Path:
            if not path.exists():
                roster = self._load(upload, pseudonymise=pseudonymise)
                html = self.core.render_html(self.core.check(roster, upload.cao), roster, pseudonymise)
                self.store.write_output(path, html.encode("utf-8"))
            return path

        if upload.status != STATUS_CHECKED:
            raise NotVisible()
        return await self._work(make)

    async def report_xlsx(self, upload: Upload, *, pseudonymise: bool) -> Path:
        path = self.store.output(upload.storage_key, f"report-{_variant(pseudonymise)}.xlsx")

        def make() -> Path:
            if not path.exists():
                roster = self._load(upload, pseudonymise=pseudonymise)
                self.store.write_output_with(path, lambda tmp: self.core.write_xlsx(self.core.check(roster, upload.cao), roster, tmp, pseudonymise))
            return path

        if upload.status != STATUS_CHECKED:
            raise NotVisible()
        return await self._work(make)

    # --- fix --------------------------------------------------------------------
    # Fixes run from a queue in the database (rostercheck.web.jobs); a request only
    # queues one and waits a little for it.

    def _run_fix(self, upload_id: str, time_limit: float) -> None:
        with self.db.session() as s:
            upload = s.get(Upload, upload_id)
        if upload is None:
            return  # purged meanwhile
        json_path = self.store.output(upload.storage_key, "fix.json")
        xlsx_path = self.store.output(upload.storage_key, "fixed.xlsx")
        roster = self._load(upload, pseudonymise=False)
        result = self.core.fix(roster, time_limit)
        self.store.write_output_with(xlsx_path, lambda tmp: self.core.write_fixed(result, roster, tmp))
        self.store.write_output(json_path, json.dumps(fix_summary(result), ensure_ascii=False).encode("utf-8"))

    def fix_status(self, upload: Upload) -> JobView | None:
        return self.jobs.view(upload.id)

    def fix_result(self, upload: Upload, *, pseudonymise: bool) -> dict[str, Any] | None:
        """The stored proposal of a finished fix (None while queued, running, failed or never asked)."""
        path = self.store.output(upload.storage_key, "fix.json")
        view = self.jobs.view(upload.id)
        if upload.status != STATUS_CHECKED or view is None or view.status != JOB_DONE or not path.exists():
            return None
        result = json.loads(path.read_text(encoding="utf-8"))
        if pseudonymise:
            result = redact_fix(result)
        return result

    def fixed_roster_path(self, upload: Upload) -> Path | None:
        path = self.store.output(upload.storage_key, "fixed.xlsx")
        view = self.jobs.view(upload.id)
        return path if view is not None and view.status == JOB_DONE and path.exists() else None

    async def fix(self, upload: Upload, *, pseudonymise: bool, wait: float = 0.0) -> tuple[JobView, dict[str, Any] | None]:
        """Queues the upload's fix (again, if it failed) and waits up to ``wait`` seconds
        for it; returns the job's state and, when done, the proposal."""
        if upload.status != STATUS_CHECKED:
            raise NotVisible()
        view = self.jobs.submit(upload.id, upload.org)
        if wait > 0 and view.status not in (JOB_DONE, JOB_FAILED):
            view = await to_thread.run_sync(lambda: self.jobs.wait(upload.id, wait)) or view
        return view, self.fix_result(upload, pseudonymise=pseudonymise)


def _variant(pseudonymise: bool) -> str:
    return "pseudo" if pseudonymise else "named"


def clean_filename(filename: str | None) -> str:
    """The uploader's file name, for display and for the report's ``roster`` field only:
    no folders, no control characters, at most 120 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C").strip()
    if not name or name in (".", ".."):
        name = "rooster"
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 110] + dot + ext[:9]) if dot and len(ext) < 10 else name[:120]
    return name


def iso_utc(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")
