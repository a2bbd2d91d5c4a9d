"""Sign in to a running production web process as a demo person and read a signed-in page.

The service sets Secure cookies and a load balancer ends HTTPS in front of it, so every request
says it came over HTTPS (X-Forwarded-Proto) and the cookies are carried by hand: cookie jars
keep Secure cookies away from a plain-HTTP address.
"""

import argparse
import http.client
import re
import sys
from http.cookies import SimpleCookie
from urllib.parse import urlencode

SIGN_IN = "/account/sign-in/"


class Browser:
    """Just enough of a browser behind a load balancer: cookies, the forwarded scheme."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.origin = f"https://{host}:{port}"
        self.cookies = {}

    def request(self, method, path, form=None, *, body=None, content_type=None):
        """Send one request and return its status, headers and body."""
        headers = {"Host": f"{self.host}:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urlencode(form)
            content_type = "application/x-www-form-urlencoded"
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers, content


def fail(message):
    """Stop with a message."""
    print(f"sign-in journey: {message}", file=sys.stderr)
    sys.exit(1)


def sign_in(browser, email, password):
    """Sign in with an email and password; return the page signing in leads to and its body."""
    status, _, page = browser.request("GET", SIGN_IN)
    if status != 200:
        fail(f"the sign-in page answered {status}")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        fail("the sign-in page has no CSRF token")
    form = {
        "csrfmiddlewaretoken": token.group(1),
        "username": email,
        "password": password,
        "next": "",
    }
    status, headers, page = browser.request("POST", SIGN_IN, form)
    if status != 302:
        fail(f"signing in answered {status}, not a redirect:\n{page[:2000]}")
    location = headers["Location"]
    status, _, page = browser.request("GET", location)
    if status != 200:
        fail(f"{location} answered {status} after signing in")
    return location, page


def main():
    """Sign in, follow the redirect home and look for the person's name."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--expect", required=True, help="text the signed-in page must show")
    arguments = parser.parse_args()
    browser = Browser("127.0.0.1", arguments.port)
    location, page = sign_in(browser, arguments.email, arguments.password)
    if arguments.expect not in page:
        fail(f"{location} does not show {arguments.expect!r}")
    print(f"signed in as {arguments.email}; {location} shows {arguments.expect!r}")


if __name__ == "__main__":
    main()
