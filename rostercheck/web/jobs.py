"""Fix jobs: a queue in the database, worked by a pool of threads, fair across organisations.

A fix can search for half a minute or more, so it is not run inside the request
that asks for it. The request queues a :class:`~rostercheck.web.db.FixJob`
(``queued``); one of ``workers`` threads claims it (``running``), runs the fixer
with the job's time limit and stores the result next to the upload (``done``), or
the reason it could not (``failed``, retried when asked again).

Fairness: a free worker takes the next job of the organisation that has the fewest
fixes running, and among those the one whose last fix started longest ago; within
an organisation, the oldest job first. One organisation queueing ten fixes does not
make another wait behind all ten.

Claiming is one ``UPDATE ... WHERE status = 'queued'``, so two workers never take the
same job. Jobs left ``running`` by a stopped server are queued again when the next
one starts (:meth:`FixQueue.start`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import func, select, update

from rostercheck.web.db import JOB_DONE, JOB_FAILED, JOB_QUEUED, JOB_RUNNING, Database, FixJob, utcnow

log = logging.getLogger("rostercheck.web.jobs")

# A job still running this long after its time limit (plus a margin for reading the
# roster and writing the workbook) is given up: the solver honours its deadline, so
# this only happens when something hangs.
OVERRUN_FACTOR, OVERRUN_MARGIN = 2.0, 60.0


@dataclass(frozen=True)
class JobView:
    """What a page or the API shows of a job."""

    status: str
    position: int | None  # 1 = next to start (queued only)
    progress: int | None  # percent of the time limit used (running only)
    time_limit: float
    error: str | None
    attempts: int


class FixQueue:
    def __init__(self, db: Database, run: Callable[[str, float], None], *, workers: int, time_limit: float, poll: float = 2.0):
        self.db = db
        self.run = run  # run(upload_id, time_limit): the fix itself; raises on failure
        self.workers = workers
        self.time_limit = time_limit
        self.poll = poll
        self._wake = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._started = False
        self._lock = threading.Lock()

    # --- lifecycle --------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
            self._stop.clear()
            with self.db.session() as s:
                # Whatever a stopped server was running starts again from the queue.
                s.execute(update(FixJob).where(FixJob.status == JOB_RUNNING).values(status=JOB_QUEUED, started_at=None))
                s.commit()
            for i in range(self.workers):
                t = threading.Thread(target=self._work, name=f"fix-worker-{i}", daemon=True)
                t.start()
                self._threads.append(t)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        for t in self._threads:
            t.join(timeout)
        self._threads = []
        self._started = False

    # --- queueing ---------------------------------------------------------------

    def submit(self, upload_id: str, org: str) -> JobView:
        """Queues the upload's fix unless it is queued, running or done; a failed one is queued again."""
        with self.db.session() as s:
            job = s.get(FixJob, upload_id)
            if job is None:
                s.add(FixJob(upload_id=upload_id, org=org, status=JOB_QUEUED, time_limit=self.time_limit, queued_at=utcnow()))
            elif job.status == JOB_FAILED:
                job.status, job.error, job.queued_at = JOB_QUEUED, None, utcnow()
                job.started_at = job.finished_at = None
                job.time_limit = self.time_limit
            s.commit()
        self.start()
        with self._wake:
            self._wake.notify()
        view = self.view(upload_id)
        assert view is not None
        return view

    def view(self, upload_id: str) -> JobView | None:
        with self.db.session() as s:
            job = s.get(FixJob, upload_id)
            if job is None:
                return None
            position = progress = None
            if job.status == JOB_QUEUED:
                position = self._position(s, job)
            elif job.status == JOB_RUNNING and job.started_at is not None:
                elapsed = (utcnow() - job.started_at).total_seconds()
                progress = max(0, min(99, int(100 * elapsed / max(job.time_limit, 1))))
            return JobView(job.status, position, progress, job.time_limit, job.error, job.attempts)

    def wait(self, upload_id: str, seconds: float) -> JobView | None:
        """Waits up to ``seconds`` for the job to be done or failed."""
        deadline = utcnow().timestamp() + seconds
        while True:
            view = self.view(upload_id)
            if view is None or view.status in (JOB_DONE, JOB_FAILED) or utcnow().timestamp() >= deadline:
                return view
            self._stop.wait(min(0.1, max(0.0, deadline - utcnow().timestamp())))

    def forget(self, upload_ids: list[str]) -> None:
        with self.db.session() as s:
            for uid in upload_ids:
                job = s.get(FixJob, uid)
                if job is not None:
                    s.delete(job)
            s.commit()

    # --- the order --------------------------------------------------------------

    @staticmethod
    def _order(s) -> list[FixJob]:
        """Queued jobs in the order they will start (see the module docstring)."""
        queued = list(s.scalars(select(FixJob).where(FixJob.status == JOB_QUEUED).order_by(FixJob.queued_at, FixJob.upload_id)))
        if not queued:
            return []
        running: dict[str, int] = dict(
            s.execute(select(FixJob.org, func.count()).where(FixJob.status == JOB_RUNNING).group_by(FixJob.org)).all()
        )
        last_start: dict[str, datetime] = dict(
            s.execute(select(FixJob.org, func.max(FixJob.started_at)).where(FixJob.started_at.is_not(None)).group_by(FixJob.org)).all()
        )
        per_org: dict[str, list[FixJob]] = {}
        for job in queued:
            per_org.setdefault(job.org, []).append(job)
        order: list[FixJob] = []
        # Simulate the workers taking jobs one after another: each pick counts as a
        # running fix of its organisation for the picks after it.
        epoch = datetime(1970, 1, 1)
        while per_org:
            org = min(per_org, key=lambda o: (running.get(o, 0), last_start.get(o) or epoch, per_org[o][0].queued_at))
            order.append(per_org[org].pop(0))
            running[org] = running.get(org, 0) + 1
            last_start[org] = utcnow()
            if not per_org[org]:
                del per_org[org]
        return order

    def _position(self, s, job: FixJob) -> int:
        for i, j in enumerate(self._order(s), start=1):
            if j.upload_id == job.upload_id:
                return i
        return 1

    def _give_up_overruns(self, s) -> None:
        for job in s.scalars(select(FixJob).where(FixJob.status == JOB_RUNNING)):
            if job.started_at and (utcnow() - job.started_at).total_seconds() > job.time_limit * OVERRUN_FACTOR + OVERRUN_MARGIN:
                job.status, job.finished_at = JOB_FAILED, utcnow()
                job.error = "Het zoeken duurde veel langer dan de tijdslimiet en is opgegeven; probeer het opnieuw."
        s.commit()

    def _claim(self) -> FixJob | None:
        with self.db.session() as s:
            self._give_up_overruns(s)
            for job in self._order(s)[:5]:
                claimed = s.execute(
                    update(FixJob)
                    .where(FixJob.upload_id == job.upload_id, FixJob.status == JOB_QUEUED)
                    .values(status=JOB_RUNNING, started_at=utcnow(), attempts=FixJob.attempts + 1)
                ).rowcount
                s.commit()
                if claimed == 1:
                    return s.get(FixJob, job.upload_id)
        return None

    # --- the workers ------------------------------------------------------------

    def _work(self) -> None:
        while not self._stop.is_set():
            try:
                job = self._claim()
            except Exception:  # the database is briefly unavailable: try again later
                log.exception("claiming a fix job failed")
                job = None
            if job is None:
                with self._wake:
                    self._wake.wait(self.poll)
                continue
            self._run(job)

    def _run(self, job: FixJob) -> None:
        error: str | None = None
        try:
            self.run(job.upload_id, job.time_limit)
        except Exception as exc:
            log.exception("fix of upload %s failed", job.upload_id)
            error = getattr(exc, "planner_message", None) or (
                "Het zoeken naar een verbetering is mislukt door een fout in de dienst. Probeer het opnieuw; "
                "blijft het misgaan, meld het dan aan de beheerder."
            )
        with self.db.session() as s:
            row = s.get(FixJob, job.upload_id)
            if row is None:  # purged while running
                return
            row.finished_at = utcnow()
            row.status = JOB_FAILED if error else JOB_DONE
            row.error = error
            s.commit()
