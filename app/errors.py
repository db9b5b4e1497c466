"""The exception tree of the web app. Each error carries its HTTP status; one handler in
app/main.py renders it as `error.html` for pages and as RFC 9457 problem+json for the API.

    DatelineError
    ├── BadRequest (400)      a filter or parameter value we cannot use; names the parameter
    ├── Unauthorized (401)    missing or bad bearer token
    ├── MovedPermanently (301) an entity merged into another on re-extraction; carries its slug
    ├── NotFound (404)        an unknown id or slug
    ├── Gone (410)            an entity that re-extraction found to be no entity
    ├── PayloadTooLarge (413)
    ├── UnsupportedMediaType (415)
    ├── Unprocessable (422)   a well-formed request whose content we cannot use
    └── TooManyRequests (429) carries retry_after seconds
"""

from __future__ import annotations


class DatelineError(Exception):
    status = 500
    title = "Internal error"

    def __init__(self, detail: str, param: str | None = None, value: object = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.param = param
        self.value = value

    @property
    def type_uri(self) -> str:
        return f"/problems/{self.title.lower().replace(' ', '-')}"


class BadRequest(DatelineError):
    status = 400
    title = "Bad request"


class Unauthorized(DatelineError):
    status = 401
    title = "Unauthorized"

    def __init__(self, detail: str, invalid_token: bool = False) -> None:
        super().__init__(detail)
        self.invalid_token = invalid_token

    @property
    def challenge(self) -> str:
        """The WWW-Authenticate header a 401 must carry (RFC 9110 §11.6.1, RFC 6750 §3)."""
        return 'Bearer realm="dateline"' + (', error="invalid_token"' if self.invalid_token else "")


class MovedPermanently(DatelineError):
    status = 301
    title = "Moved permanently"

    def __init__(self, detail: str, slug: str) -> None:
        super().__init__(detail)
        self.slug = slug


class NotFound(DatelineError):
    status = 404
    title = "Not found"


class Gone(DatelineError):
    status = 410
    title = "Gone"


class PayloadTooLarge(DatelineError):
    status = 413
    title = "Payload too large"


class UnsupportedMediaType(DatelineError):
    status = 415
    title = "Unsupported media type"


class Unprocessable(DatelineError):
    status = 422
    title = "Unprocessable content"


class TooManyRequests(DatelineError):
    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
