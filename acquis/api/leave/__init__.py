"""/api/v1/leave-requests: congé VAE requests for employers' HR systems and for employees (issue 5). The
routes in ``routes``, their schemas in ``schemas``.

Who sees what: an employee, their own requests (drafts included); an employer — a person with the employer
role or the company's API token — the requests sent to the company; the GIP, every request. Superseded
requests are left out of the list (their replacement is listed).

404 or 403: a request the caller may neither read nor act on answers **404**, with the very body a
request that does not exist gets (ids are sequential: a 403 would tell another company, or another
employee, that request n° 1234 exists). A request the caller reads but may not act on answers **403**
(the employee trying to answer, the employer trying to upload the employee's proof). A funding body may
ask for the proof of attendance (R6422-5) without reading the request.

The legal status is computed when the request is read (leave.status), never stored.
"""

from acquis.api.leave.routes import router

__all__ = ["router"]
