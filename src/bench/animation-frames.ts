// Animation frames a page keeps drawing under load: the dashboard's bench and its browser tests.

import type { Page } from 'playwright-core';

/**
 * Counts animation frames in the page while `work` runs for `ms` (page code as text: this file is
 * compiled without the DOM's types); `work` is a function body that starts the load and returns its stop.
 */
export async function framesDuring(page: Page, ms: number, work: string): Promise<{ frames: number; longestGapMs: number }> {
  return page.evaluate(`(async () => {
    const stamps = [];
    let on = true;
    const tick = (t) => { stamps.push(t); if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const stop = (() => { ${work} })();
    await new Promise((r) => setTimeout(r, ${ms}));
    on = false;
    stop();
    let longest = 0;
    for (let i = 1; i < stamps.length; i++) longest = Math.max(longest, stamps[i] - stamps[i - 1]);
    return { frames: stamps.length, longestGapMs: longest };
  })()`);
}
