// Display helpers: exact integers as the API sends them, sizes, durations, dates and status badges.

import { h } from './dom.js';

/** An exact integer (a decimal string from the API) grouped in thousands, never through Number. */
export function exact(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const text = String(value);
  const m = /^(-?)(\d+)$/.exec(text);
  if (m === null) return text;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function ms(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1000) return `${Math.round(n)} ms`;
  if (n < 60_000) return `${(n / 1000).toFixed(2)} s`;
  return `${Math.floor(n / 60_000)} min ${Math.round((n % 60_000) / 1000)} s`;
}

export function when(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** A coloured status badge (queued, running, completed, failed, …). */
export function badge(status: string): HTMLSpanElement {
  return h('span.badge', { 'data-status': status, class: `badge status-${status}` }, status.replace(/_/g, ' '));
}

/** An id in monospace, shortened for tables but whole in its title (and in the copy). */
export function shortId(id: string): HTMLElement {
  return h('code.id', { title: id }, id.length > 12 ? `${id.slice(0, 8)}…` : id);
}

/** The short summary of a problem's family-specific numbers (clauses, edges, …). */
export function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .slice(0, 6)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? exact(v) : String(v)}`)
    .join(' · ');
}
