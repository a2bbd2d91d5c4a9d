"""Ask a running production web process for a password reset link, as a person would."""

import argparse
import re
import sys

from sign_in import Browser

RESET = "/account/password/reset/"


def main():
    """Fetch the reset form, post an address to it and expect the 'check your email' page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--email", required=True)
    arguments = parser.parse_args()
    browser = Browser("127.0.0.1", arguments.port)

    status, _, page = browser.request("GET", RESET)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not token:
        sys.exit(f"password reset: the form answered {status} without a CSRF token")
    form = {"csrfmiddlewaretoken": token.group(1), "email": arguments.email}
    status, headers, page = browser.request("POST", RESET, form)
    if status != 302:
        sys.exit(f"password reset: posting answered {status}, not a redirect:\n{page[:2000]}")
    print(f"password reset asked for {arguments.email}; redirected to {headers['Location']}")


if __name__ == "__main__":
    main()
