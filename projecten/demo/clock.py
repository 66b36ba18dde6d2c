"""The demo's calendar: a year from 1 January until now, on the clock of the services.

The story is written in fractions of the year so far (0 is 1 January, 1 is now), so it
fits in the current year whatever today is. Each step of the story runs with the clock
of the whole process set to its moment (time-machine, which moves `datetime.now` and
`time.time` themselves): every timestamp a service or a model default writes, and every
check of a window or a deadline, sees the same moment. Patching `timezone.now` alone
would miss the model fields whose default is the function itself, and setting
`created_at` afterwards would let the services check their windows against today.
"""

import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Amsterdam")
# People act between eight in the morning and nine at night.
DAY_OPENS, DAY_CLOSES = 8, 21
# 0.9 of the story lies ten days before 1 December, 0.97 two days before it.
CATCH_UP = 1.5


class DemoClock:
    def __init__(self, now: datetime.datetime):
        self.now = now.astimezone(TZ)
        self.year = self.now.year
        self.first_day = datetime.date(self.year, 1, 1)
        self._minutes = self._waking_minutes_until(self.now)

    def _waking_minutes_until(self, moment: datetime.datetime) -> int:
        days = (moment.date() - self.first_day).days
        today = max(0, min(moment.hour * 60 + moment.minute, DAY_CLOSES * 60) - DAY_OPENS * 60)
        return days * (DAY_CLOSES - DAY_OPENS) * 60 + today

    def has_room_for_a_year(self) -> bool:
        """Whether the story fits: its closed votes need days before now (a vote runs an
        hour at least), and its open rounds close at least two hours from now within the
        year."""
        last_closing = datetime.datetime(self.year, 12, 31, 18, 0, tzinfo=TZ)
        return (self.now.date() - self.first_day).days >= 7 and self.now < last_closing

    def at(self, fraction: float) -> datetime.datetime:
        """The moment `fraction` of the waking time of this year so far has passed.

        Monotonic in `fraction`, never after now (a minute before, at most). The scale
        slows down towards today, so that the last steps of the story (an election that
        opened, a proposal handed in) happened days ago, not weeks.
        """
        fraction = min(max(fraction, 0.0), 1.0)
        minutes = int(self._minutes * (1 - (1 - fraction) ** CATCH_UP))
        per_day = (DAY_CLOSES - DAY_OPENS) * 60
        day = self.first_day + datetime.timedelta(days=minutes // per_day)
        minute = DAY_OPENS * 60 + minutes % per_day
        moment = datetime.datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=TZ
        )
        return min(moment, self.now - datetime.timedelta(minutes=1))

    def date(self, fraction: float) -> datetime.date:
        return self.at(fraction).date()

    def days_from_now(self, days: int) -> datetime.date:
        """A date after today, but within this year (a korte klap project ends in its year)."""
        return min(
            self.now.date() + datetime.timedelta(days=days), datetime.date(self.year, 12, 31)
        )

    def closing_moment(self, days: int) -> datetime.datetime:
        """A closing moment `days` from now at 20:00, within the year (an election's votes
        count in its own year), and at least two hours from now."""
        day = self.days_from_now(days)
        moment = datetime.datetime(day.year, day.month, day.day, 20, 0, tzinfo=TZ)
        return max(moment, self.now + datetime.timedelta(hours=2))

    def travel(self, moment: datetime.datetime):
        """Run the services at `moment`: the clock stands still there until the block ends."""
        # A development tool (the demo only runs with DEBUG on); imported here so that
        # production, which never loads the demo, does not need it.
        import time_machine

        return time_machine.travel(moment, tick=False)
