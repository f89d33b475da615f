// Offers "use my time zone" with the browser's own IANA zone. Progressive: the page
// reads fine without it (the select works without JavaScript). Kept in a static file
// so a strict Content-Security-Policy (no inline scripts) can be turned on.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) { return; }
  var links = document.querySelectorAll("a.own-zone");
  for (var i = 0; i < links.length; i++) {
    links[i].href = "?tz=" + encodeURIComponent(zone);
    links[i].textContent = links[i].getAttribute("data-label") + " (" + zone + ")";
    links[i].hidden = false;
  }
})();
