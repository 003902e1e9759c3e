// Signing in goes through the JSON API (/api/login), which sets the session cookie; the pages
// then work with plain forms. No form posts to /admin, so the admin pages have no public write.
const form = document.getElementById("signin");
const error = document.getElementById("signin-error");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  const answer = await fetch("/api/login", {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(data),
  });
  if (answer.ok) {
    window.location.assign(form.dataset.next || "/admin");
    return;
  }
  const body = await answer.json().catch(() => ({}));
  error.textContent = answer.status === 401 ? "Wrong user name or password." : (body.detail || "Signing in failed.");
  error.hidden = false;
});
