// Refresh a prepared download's status in place until it is ready or has failed.
const panel = document.getElementById("download-status");
const pause = (Number(panel?.dataset.refreshSeconds) || 3) * 1000;

async function refresh() {
  if (!panel || !("waiting" in panel.dataset)) {
    return;
  }
  try {
    const response = await fetch(window.location.href, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = response.ok ? page.getElementById("download-status") : null;
    if (fresh && fresh.textContent !== panel.textContent) {
      panel.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
      if (!("waiting" in fresh.dataset)) {
        delete panel.dataset.waiting;
      }
    }
  } finally {
    window.setTimeout(refresh, pause);
  }
}

window.setTimeout(refresh, pause);
