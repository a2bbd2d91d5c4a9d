"""Start the test provider: migrate its database, register the site, serve on a free port.

Run as ``python -m tests.oidc_provider.serve DATABASE_FILE``; the first line printed is
``listening on PORT`` once it answers requests.
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    """Serve requests without writing a line for each."""

    def log_message(self, format, *args):
        """Write nothing."""


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """Answer each request in its own thread."""

    daemon_threads = True


def seed():
    """Create the signing key, the registered client and the provider's accounts."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth.models import User
    from oidc_provider.models import Client, ResponseType, RSAKey

    from tests.oidc_provider.accounts import (
        ACCOUNTS,
        CLIENT_ID,
        CLIENT_SECRET,
        PASSWORD,
        REDIRECT_URI,
    )

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    RSAKey.objects.create(key=pem.decode())
    client = Client.objects.create(
        name="Training site",
        client_type="confidential",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=False,
        _redirect_uris=REDIRECT_URI,
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    for username, account in ACCOUNTS.items():
        User.objects.create_user(username, email=account["email"], password=PASSWORD)


def main():
    """Prepare the provider and serve it until stopped."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    os.environ["TEST_PROVIDER_DATABASE"] = sys.argv[1]
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0)
    seed()
    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), ThreadingServer, handler_class=QuietHandler
    )
    print(f"listening on {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
