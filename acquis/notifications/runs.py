"""The tally of one daily notices scan (congé VAE, candidate pathways): what the command prints and the task
returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class NoticeRun:
    on: dt.date
    due: int = 0  # notices the rules say are due on that day
    queued: list[tuple[int, str, int]] = field(default_factory=list)  # (leave request or candidacy, kind, e-mails)
    already_queued: int = 0
    # e.g. an employer with no account (it got the request by registered letter), a certifier with no member on Acquis
    without_recipient: int = 0

    def as_dict(self) -> dict:
        return {
            "on": self.on.isoformat(),
            "due": self.due,
            "queued": len(self.queued),
            "emails": sum(count for _pk, _kind, count in self.queued),
            "already_queued": self.already_queued,
            "without_recipient": self.without_recipient,
        }
