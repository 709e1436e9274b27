// The HTML report's inline style sheet: system fonts, readable tables, print-friendly, no assets.

export const REPORT_CSS = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee3; --band: #f5f7f9; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px 28px 48px; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 2px; display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h2 .sub, p.sub { color: var(--muted); font-size: 13px; font-weight: normal; }
p.sub { margin: 0 0 14px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.status { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; padding: 2px 8px;
  border-radius: 10px; background: #e4e7eb; color: #3e4c59; }
.status-completed { background: #d7f2e3; color: #176b3e; }
.status-running { background: #dbeafe; color: #1e4f9c; }
.status-failed { background: #fde2e1; color: #9b1c1c; }
.status-cancelled, .status-interrupted { background: #fdf0d5; color: #8a5a00; }
dl.definition { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px;
  padding: 12px 16px; background: var(--band); border: 1px solid var(--line); border-radius: 6px; }
dl.definition dt { color: var(--muted); }
dl.definition dd { margin: 0; }
.partial { padding: 8px 12px; background: #fdf0d5; border-radius: 6px; color: #8a5a00; }
details { margin: 10px 0; }
details > summary { cursor: pointer; color: var(--accent); font-weight: 600; }
details.guide ul { margin: 6px 0; padding-left: 20px; color: var(--muted); max-width: 980px; }
nav { margin: 18px 0 0; color: var(--muted); }
nav a { color: var(--accent); }
.table-wrap { overflow-x: auto; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 7px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { text-align: left; font-size: 12px; font-weight: 600; color: var(--muted); background: var(--band); vertical-align: bottom; }
th.num { text-align: right; }
tbody tr:hover { background: #fafbfc; }
td.num { text-align: right; white-space: nowrap; }
td.solver { white-space: nowrap; }
td.instance { min-width: 14em; max-width: 24em; overflow-wrap: anywhere; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
table.instances tr.first td { border-top: 1px solid #b8c0c8; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.pm, .of { color: var(--muted); font-size: 12px; }
.none { color: #9aa5b1; }
.err { color: #b42318; }
strong { color: #0f3d73; }
figure { margin: 6px 0 10px; }
figcaption { color: var(--muted); font-size: 12.5px; max-width: 720px; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
svg.chart .tick { font-size: 11px; fill: #4a5561; }
svg.chart .axis-label { font-size: 12px; fill: #3e4c59; }
svg.chart .legend { font-size: 12px; fill: #1f2933; font-family: ui-monospace, Menlo, Consolas, monospace; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print { tbody tr:hover { background: none; } }
`;
