"""Log filters (settings.LOGGING)."""

import logging


class ClientErrorsInOneLine(logging.Filter):
    """A refused request (a 4xx: PermissionDenied, a bad request) is the forum working as
    meant, not a fault: log it as one line, with the reason the refusal gave, and no
    traceback. 5xx records keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500 and record.exc_info:
            error = record.exc_info[1]
            reason = " ".join(str(error).split()) if error is not None else ""
            record.msg = record.getMessage() + (f" ({reason})" if reason else "")
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
