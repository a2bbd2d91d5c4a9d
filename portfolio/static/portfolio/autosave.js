// Saves a reflection as a draft a few seconds after the author stops typing, and says when.
const form = document.querySelector("form[data-autosave-url]");
const DELAY_MS = 3000;

if (form) {
  const status = form.querySelector("[data-autosave-status]");
  const idField = form.querySelector("[data-autosave-id]");
  let timer = null;
  let saving = false;
  let pending = false;

  const save = async () => {
    if (saving) {
      pending = true;
      return;
    }
    saving = true;
    const body = new FormData(form);
    body.delete("action");
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      const answer = await response.json();
      if (answer.saved && answer.id) {
        idField.value = answer.id;
        const editUrl = `${form.dataset.autosaveUrl.replace(/autosave\/$/, "")}${answer.id}/edit/`;
        form.setAttribute("action", editUrl);
      }
      status.textContent = answer.message;
    } catch {
      status.textContent = "Not saved: check your connection. Use “Save as draft” to save.";
    } finally {
      saving = false;
      if (pending) {
        pending = false;
        save();
      }
    }
  };

  const changed = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY_MS);
  };

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => window.clearTimeout(timer));
}
