// Paperboy: the API page (/docs), Swagger UI over the OpenAPI file with this site's examples.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("swagger-ui");
    if (!root || typeof window.SwaggerUIBundle !== "function") {
      return;
    }
    var meta = document.querySelector('meta[name="csrf-token"]');
    window.SwaggerUIBundle({
      url: root.getAttribute("data-spec"),
      domNode: root,
      deepLinking: true,
      // No call to an outside validator: nothing leaves this site.
      validatorUrl: null,
      defaultModelsExpandDepth: 0,
      // A signed-in browser writes with its session, which needs the page's CSRF token.
      requestInterceptor: function (request) {
        if (meta) {
          request.headers["X-CSRF-Token"] = meta.getAttribute("content");
        }
        return request;
      }
    });
  });
})();
