// Keeps a questionnaire's answers in this browser while it is filled in, so a lost
// connection or a reload loses nothing; forgets them once the answers are received.
const PREFIX = "yoc-feedback-draft:";

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function collect(form) {
  const answers = {};
  for (const field of form.elements) {
    if (!field.name || field.name === "csrfmiddlewaretoken" || field.type === "submit") continue;
    if (field.type === "radio" || field.type === "checkbox") {
      if (field.checked) answers[field.name] = field.value;
    } else {
      answers[field.name] = field.value;
    }
  }
  return answers;
}

function restore(form, answers) {
  let restored = false;
  for (const [name, value] of Object.entries(answers)) {
    const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    const alreadyAnswered = Array.from(fields).some((f) =>
      f.type === "radio" || f.type === "checkbox" ? f.checked : f.value !== ""
    );
    if (alreadyAnswered) continue;
    for (const field of fields) {
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.value === value) {
          field.checked = true;
          restored = true;
        }
      } else if (value) {
        field.value = value;
        restored = true;
      }
    }
  }
  return restored;
}

const store = storage();
if (store) {
  for (const form of document.querySelectorAll("form[data-draft-key]")) {
    const key = PREFIX + form.dataset.draftKey;
    const saved = store.getItem(key);
    if (saved && restore(form, JSON.parse(saved))) {
      const notice = document.getElementById("draft-restored");
      if (notice) notice.hidden = false;
    }
    const save = () => store.setItem(key, JSON.stringify(collect(form)));
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  }
  for (const done of document.querySelectorAll("[data-clear-draft]")) {
    store.removeItem(PREFIX + done.dataset.clearDraft);
  }
}
