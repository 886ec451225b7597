"""The client's address behind the trusted proxies (PROXY_COUNT), for login throttling.

Each proxy appends the address it received the request from to X-Forwarded-For, so behind N trusted
proxies the client is the N-th address from the right; anything to its left was sent by the client and
proves nothing. Written out here rather than taking django-ipware for these few lines: the rule is the
whole job, and it must not trust more than PROXY_COUNT entries.
"""

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
