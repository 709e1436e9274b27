// The API docs page (/docs): Swagger UI over /openapi.yaml, from the service's own copy of
// swagger-ui-dist (loaded before this module by docs.html). Nothing leaves the service: no spec
// validator badge, no remote config, no persisted credentials.

type SwaggerUiBundle = (options: Record<string, unknown>) => unknown;

const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUiBundle }).SwaggerUIBundle;
const root = document.getElementById('swagger-ui');
if (bundle === undefined || root === null) {
  if (root !== null) root.textContent = 'Swagger UI did not load: read the API description at /openapi.yaml.';
} else {
  bundle({
    url: '/openapi.yaml',
    domNode: root,
    // The default sends the document to validator.swagger.io for a badge.
    validatorUrl: null,
    // Links like /docs#/runs/createRun open that operation.
    deepLinking: true,
    queryConfigEnabled: false,
    // A token given to "Authorize" lives in this tab only.
    persistAuthorization: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
  });
}

export {};
