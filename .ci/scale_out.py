"""Two web processes behind one load balancer: a session, an upload and a download cross them.

Signs in on the first web process, reads a signed-in page with the same session on the second,
uploads an evidence file to the HCP's assessment through the first and downloads it through
the second, so sessions, the database and the bucket are shown to be shared.
"""

import argparse
import re
import secrets
import sys
import uuid

from sign_in import Browser, fail, sign_in


def multipart(fields, file_field, file_name, file_bytes):
    """Encode a form with one file as multipart/form-data; return its body and content type."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{file_name}"\r\nContent-Type: text/plain\r\n\r\n'
    )
    body = "".join(parts).encode() + file_bytes + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def main():
    """Cross the two web processes with one session, one upload and one download."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ports", type=int, nargs=2, required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--expect", required=True, help="text every signed-in page shows")
    arguments = parser.parse_args()
    first = Browser("127.0.0.1", arguments.ports[0])
    second = Browser("127.0.0.1", arguments.ports[1])

    sign_in(first, arguments.email, arguments.password)
    second.cookies = dict(first.cookies)
    status, _, page = second.request("GET", "/")
    if status != 200 or arguments.expect not in page:
        fail(f"the second web process answered {status} to the first one's session")
    print(f"the session made on port {first.port} works on port {second.port}")
    status, _, page = second.request("GET", "/competences/")

    found = re.search(r'href="(/competences/assessments/(\d+)/)"', page)
    if not found:
        fail("the HCP's competences page links to no assessment")
    assessment_path = found.group(1)
    status, _, page = first.request("GET", assessment_path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not token:
        fail(f"{assessment_path} answered {status} or has no form")
    content = f"Stored on one instance, read on another: {secrets.token_hex(8)}".encode()
    fields = {"csrfmiddlewaretoken": token.group(1), "kind": "file", "description": "Notes"}
    body, content_type = multipart(fields, "file", "notes.txt", content)
    status, _, page = first.request(
        "POST", f"{assessment_path}evidence/", body=body, content_type=content_type
    )
    if status != 302:
        fail(f"uploading evidence answered {status}:\n{page[:2000]}")

    second.cookies = dict(first.cookies)
    status, _, page = second.request("GET", assessment_path)
    links = re.findall(r'href="(/competences/evidence/\d+/)"', page)
    if status != 200 or not links:
        fail(f"the second web process lists no evidence file on {assessment_path}")
    newest = max(links, key=lambda link: int(link.strip("/").rsplit("/", 1)[1]))
    status, _, downloaded = second.request("GET", newest)
    if status != 200 or downloaded.encode() != content:
        fail(f"{newest} answered {status} with other content on the second web process")
    print(f"a file uploaded on port {first.port} downloads on port {second.port}")


if __name__ == "__main__":
    sys.exit(main())
