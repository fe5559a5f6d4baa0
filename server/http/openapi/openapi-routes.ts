import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { PAGE_CSP } from '../security-headers';
import { sendError } from '../send';
import { buildOpenApiDocument, type JsonSchema } from './openapi-document';

const require = createRequire(import.meta.url);

export const DOCS_PATH = '/api/docs';

let cached: JsonSchema | undefined;

/** Built on first request: the catalog's schemas do not change while the server runs. */
export function openApiDocument(): JsonSchema {
  cached ??= buildOpenApiDocument((require('../../../package.json') as { version: string }).version);
  return cached;
}

/** `GET /api/v1/openapi.json` on the API router. */
export function openApiRoutes(router: Router): void {
  router.get('/openapi.json', (_req, res) => {
    res.status(200).json(openApiDocument());
  });
}

/**
 * `/api/docs`: Swagger UI from the swagger-ui-dist package (no CDN), pointed at the document. The
 * page loads only same-origin files, so it works behind a strict Content-Security-Policy.
 */
export function apiDocsRoutes(app: Express, apiPrefix: string): void {
  app.get(DOCS_PATH, (_req, res) => {
    // A page, unlike the API's answers: its own same-origin scripts, styles and data: icons may load.
    res.status(200).type('html').setHeader('cache-control', 'no-store').setHeader('Content-Security-Policy', PAGE_CSP).send(DOCS_PAGE);
  });
  app.get(`${DOCS_PATH}/init.js`, (_req, res) => {
    res.status(200).type('js').send(initScript(`${apiPrefix}/openapi.json`));
  });
  let assets: RequestHandler | undefined;
  app.use(`${DOCS_PATH}/assets`, (req, res, next) => {
    // Resolved on first use: a server without the package still starts, and says so here.
    if (!assets) {
      const dir = swaggerUiDir();
      if (!dir) return sendError(res, 'NOT_FOUND', 'the API docs page needs the swagger-ui-dist package: npm install');
      assets = express.static(dir, { index: false, redirect: false, fallthrough: true });
    }
    assets(req, res, next);
  });
}

function swaggerUiDir(): string | undefined {
  try {
    return dirname(require.resolve('swagger-ui-dist/package.json'));
  } catch {
    return undefined;
  }
}

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hexiao API</title>
<link rel="stylesheet" href="${DOCS_PATH}/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="${DOCS_PATH}/assets/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

function initScript(documentUrl: string): string {
  return `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(documentUrl)}, dom_id: '#docs', deepLinking: true, docExpansion: 'list' });\n`;
}
