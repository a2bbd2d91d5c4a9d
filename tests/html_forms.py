"""Read a rendered page's form back as the data a browser would post unchanged."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Collect the named controls of the first form posting to its own page."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.done = {}, False, False
        self.select, self.textarea = None, None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        posts_here = (attrs.get("method") or "").lower() == "post" and not attrs.get("action")
        if tag == "form" and not self.done and posts_here:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self._add(self.select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.textarea:
                self.data[self.textarea][-1] = self.data[self.textarea][-1].lstrip("\n")
            self.textarea = None


def posted_back(response):
    """Return the form posting to the page itself as the data it would send unchanged."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.data
