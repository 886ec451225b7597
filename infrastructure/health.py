"""Health endpoints. /healthz for the load balancer: 200 when the database answers, 503 when it does not,
within a second. /livez for the process supervisor: the process answers at all (no database, no
template), which also makes it the floor that benchmarks compare every page with."""

import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


def database_answers(alias="default"):
    """Whether the database runs a query, on a connection of its own that is closed afterwards."""
    connection = connections.create_connection(alias)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False
    finally:
        connection.close()


@never_cache
def healthz(request):
    # The check runs in a thread so that a database that hangs (a dropped network, not a refused
    # connection) cannot hold the answer past HEALTHZ_TIMEOUT; the thread ends at the driver's timeout.
    answers = []
    check = threading.Thread(target=lambda: answers.append(database_answers()), daemon=True)
    check.start()
    check.join(settings.HEALTHZ_TIMEOUT)
    healthy = answers == [True]
    return JsonResponse({"database": "ok" if healthy else "unavailable"}, status=200 if healthy else 503)


@never_cache
def livez(request):
    return HttpResponse("ok", content_type="text/plain")
