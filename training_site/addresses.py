"""The address a request came from, read through the proxies the site is told to trust."""

from types import SimpleNamespace

from django.conf import settings
from ipware import get_client_ip

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_address(request):
    """Return the address of the person behind a request, or None when there is none.

    Without TRUSTED_PROXIES the connecting address is the person's and X-Forwarded-For is
    ignored, since anyone can send it. With them, the hops X-Forwarded-For lists followed by
    the connecting address must end with those proxies, outermost first; the hop just before
    them is the person. A request that did not come through them is taken at its own address.
    """
    if settings.TRUSTED_PROXIES:
        hops = [request.META.get(FORWARDED_FOR, ""), request.META.get("REMOTE_ADDR", "")]
        address, _routable = get_client_ip(
            SimpleNamespace(META={FORWARDED_FOR: ", ".join(hop for hop in hops if hop)}),
            proxy_trusted_ips=settings.TRUSTED_PROXIES,
            request_header_order=[FORWARDED_FOR],
            strict=False,
        )
        if address:
            return address
    address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return address
