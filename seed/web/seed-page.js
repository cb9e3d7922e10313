// The article's browser client: fetchEventSource over POST with the article's options, run when the
// page mounts. Each callback is recorded in window.__seed (arrival times from performance.now(), the
// page's clock) instead of console.log, so the harness can read what the page saw.
import { fetchEventSource } from '@microsoft/fetch-event-source';

export function invokeSse() {
  const params = new URLSearchParams(location.search);
  const url = params.get('api') || '/api/article/chat';
  const seed = (window.__seed = {
    startedAt: performance.now(),
    opened: null,
    messages: [],
    closed: null,
    errors: [],
    done: false,
  });
  const stop = new AbortController();
  fetchEventSource(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: ['text/event-stream', 'application/json'],
    },
    body: JSON.stringify({ data: '' }),
    signal: stop.signal,
    openWhenHidden: true,
    onopen(event) {
      seed.opened = { at: performance.now(), status: event.status, contentType: event.headers.get('content-type') };
    },
    onmessage(msg) {
      seed.messages.push({ at: performance.now(), data: msg.data });
      if (/"code"\s*:\s*-200/.test(msg.data)) {
        seed.done = true;
        stop.abort();
      }
    },
    onclose() {
      seed.closed = performance.now();
      seed.done = true;
      // fetch-event-source retries a closed stream unless onclose throws; the article's page only logs.
      throw new Error('closed');
    },
    onerror(err) {
      seed.errors.push(String(err));
      seed.done = true;
      throw err; // stop: the harness counts, it does not retry
    },
  }).catch((err) => {
    if (!seed.done) seed.errors.push(String(err));
    seed.done = true;
  });
}
