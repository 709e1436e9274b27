// The API token prompt: shown when the service answers 401. The token is kept for this tab only
// (sessionStorage) and sent as Authorization: Bearer (and ?access_token= for the event stream).

import { getToken, setToken, type ApiError } from '../api.js';
import { h, mount } from '../dom.js';

export function tokenView(view: HTMLElement, error: ApiError | null, retry: () => void): void {
  const input = h('input', { type: 'password', id: 'token-input', name: 'token', autocomplete: 'off', required: true, placeholder: 'POLYSTEP_API_TOKEN' });
  const form = h('form.token-form', { id: 'token-form' },
    h('h1', {}, 'API token needed'),
    h('p', {}, 'This service requires a token for its API. Enter the value of ', h('code', {}, 'POLYSTEP_API_TOKEN'), ': it is kept in this tab only and sent as ', h('code', {}, 'Authorization: Bearer …'), '.'),
    error !== null && getToken() !== null ? h('div.error', { role: 'alert' }, `${error.code}: ${error.detail}`) : null,
    h('label.field', {}, h('span', {}, 'Token'), input),
    h('div.toolbar', {}, h('button.primary', { type: 'submit', id: 'token-submit' }, 'Use token')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    retry();
  });
  mount(view, form);
  input.focus();
}
