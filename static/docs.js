// Starts Swagger UI (served by this site from the fastapi-offline package) on /docs.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    // no deep links: Swagger UI puts each in its operation's button, a link inside a button
    // (axe: nested-interactive), and the page is one of a keyboard reader's too
    deepLinking: false,
    showExtensions: true,
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis],
  });
})();
