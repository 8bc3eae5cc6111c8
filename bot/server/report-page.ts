/**
 * The report page (a Teams personal tab in production; `/reports` locally): GOV.UK Frontend styles
 * with a plain header (no crown), one chart per measure with a table of the same numbers beside it,
 * a choice of whose plans, and a CSV download. The figures come from the report API with a bearer
 * token (web/reports.js), so the page itself holds no data.
 */
import { join } from 'node:path';
import type { Logger } from '../logging';
import { route, type Server } from './http';
import type { PersonaOption } from './local-page';
import { serveFiles } from './webchat-routes';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function renderReportPage(options: { councilName: string; personas?: readonly PersonaOption[] }): string {
  const personas = options.personas
    ? `<div class="govuk-form-group">
          <label class="govuk-label" for="persona">Who you are (local mode)</label>
          <select class="govuk-select" id="persona" name="persona">
            ${options.personas.map((p) => `<option value="${escapeHtml(p.value)}">${escapeHtml(p.label)}</option>`).join('\n            ')}
          </select>
        </div>`
    : '';
  return `<!doctype html>
<html lang="en-GB" class="govuk-template">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Compliance report – ${escapeHtml(options.councilName)}</title>
  <link rel="stylesheet" href="/reports/assets/govuk-frontend.min.css">
  <style>.report-chart { max-width: 640px; margin-bottom: 20px; } .report-figures { display: grid; gap: 30px; } .report-plans-link { background: none; border: 0; padding: 0; font: inherit; cursor: pointer; text-decoration: underline; color: #1d70b8; }</style>
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
  <header class="govuk-header" role="banner">
    <div class="govuk-header__container govuk-width-container">
      <span class="govuk-header__link govuk-header__service-name">${escapeHtml(options.councilName)} – SEND Assistant</span>
    </div>
  </header>
  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content" role="main">
      <h1 class="govuk-heading-l">Compliance report</h1>
      <p class="govuk-body">Annual reviews and new EHC plans against the time limits the law sets, for the last 12 months or the months you choose. Each chart has a table of the same numbers.</p>
      <form id="filters" class="govuk-!-margin-bottom-6" novalidate>
        ${personas}
        <div class="govuk-form-group">
          <label class="govuk-label" for="scope">Whose plans</label>
          <select class="govuk-select" id="scope" name="caseworker">
            <option value="">My plans (a team manager: every plan)</option>
            <option value="all">Every plan (team managers)</option>
          </select>
        </div>
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset" aria-describedby="months-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Months</legend>
            <div id="months-hint" class="govuk-hint">Leave both empty for the last 12 months. At most 36 months.</div>
            <label class="govuk-label" for="from">First month</label>
            <input class="govuk-input govuk-input--width-10" id="from" name="from" type="month" autocomplete="off">
            <label class="govuk-label" for="to">Last month</label>
            <input class="govuk-input govuk-input--width-10" id="to" name="to" type="month" autocomplete="off">
          </fieldset>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="school">School or setting</label>
          <select class="govuk-select" id="school" name="school">
            <option value="">All schools and settings</option>
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="phase">Phase of education</label>
          <select class="govuk-select" id="phase" name="phase">
            <option value="">All phases</option>
          </select>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Show figures</button>
        <button type="button" id="download" class="govuk-button govuk-button--secondary">Download CSV</button>
        <button type="button" id="download-xlsx" class="govuk-button govuk-button--secondary">Download spreadsheet (.xlsx)</button>
      </form>
      <div id="status" class="govuk-inset-text" role="status" aria-live="polite">Loading the figures…</div>
      <div id="figures" class="report-figures"></div>
      <div id="plans" class="govuk-!-margin-top-6" aria-live="polite"></div>
    </main>
  </div>
  ${options.personas ? '' : '<script src="/reports/assets/teams.min.js"></script>'}
  <script src="/reports/assets/chart.umd.min.js"></script>
  <script src="/reports/assets/reports.js"></script>
</body>
</html>`;
}

const assets = (): Record<string, { path: string; type: string }> => ({
  '/reports/assets/govuk-frontend.min.css': { path: require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.css'), type: 'text/css; charset=utf-8' },
  '/reports/assets/chart.umd.min.js': { path: join(require.resolve('chart.js'), '..', 'chart.umd.min.js'), type: 'text/javascript; charset=utf-8' },
  '/reports/assets/teams.min.js': { path: require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'), type: 'text/javascript; charset=utf-8' },
  '/reports/assets/reports.js': { path: join(__dirname, '..', '..', 'web', 'reports.js'), type: 'text/javascript; charset=utf-8' },
});

export function mountReportPage(server: Server, deps: { logger: Logger; councilName: string; personas?: () => Promise<readonly PersonaOption[]> }): void {
  server.get(
    '/reports',
    route(deps.logger, async (_req, res) => {
      const personas = deps.personas ? (await deps.personas()).filter((p) => p.value.startsWith('staff:')) : undefined;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(renderReportPage({ councilName: deps.councilName, ...(personas ? { personas } : {}) }));
    }),
  );
  serveFiles(server, deps.logger, assets());
}
