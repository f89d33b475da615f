// Follows a background job on its progress page: polls the JSON status next to the
// page, moves the bar, and reloads the page when the job ends (the page then shows
// the result). Kept in a static file for the Content-Security-Policy (no inline scripts).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-job-status");
  var bar = box.querySelector("progress");
  var message = box.querySelector("[data-job-message]");
  var percent = box.querySelector("[data-job-percent]");
  var delay = 1000;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (job) {
        if (bar) { bar.value = job.progress; }
        if (percent) { percent.textContent = job.progress + " %"; }
        if (message && job.message) { message.textContent = job.message; }
        if (job.done || job.state === "lost") {
          window.location.reload();
          return;
        }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 15000);  // server restarting: back off, keep trying
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
