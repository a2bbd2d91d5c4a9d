"""View decorators that keep pages to the roles that use them."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from training_site.scoping import has_role


def role_required(*roles):
    """Require a signed-in person holding one of the roles; anyone else gets 404."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_superuser or has_role(request.user, *roles)):
                raise Http404("Page not found.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def sign_in_username(request, credentials):
    """Return the email a sign-in attempt used, in lower case, for counting failed attempts."""
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return username.strip().lower()
