"""The transactional outbox (decision 0036): work a transaction decides on leaves only with it.

`outbox_put` stores the work in the caller's transaction and hands it to Celery after the
commit; the task runs the named handler and marks the row sent in one transaction; the relay
(beat, every minute, and at worker start) hands over again whatever is still pending.
"""
