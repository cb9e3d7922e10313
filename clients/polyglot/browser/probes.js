/**
 * Browser probes for the harness's streams (claims WS-6 and OBS-3), plain JavaScript run as is in
 * the page (no build step). Each probe opens one stream with the browser's own API, reads it to the
 * end marker, a timeout or an error, and resolves with what it saw:
 *
 * - `eventsource`: the native EventSource (GET, the browser's own parser and CORS rules);
 * - `websocket`: the native WebSocket (no CORS: the browser sends Origin and lets the server decide);
 * - `fetch-sse`: fetch() POSTing JSON and reading the body's ReadableStream through an event-stream
 *   parser, which is what @microsoft/fetch-event-source (the seed's Vue page) does.
 *
 * Timing: performance.now() is the page's own clock, not process.hrtime, and it is coarsened (100 µs
 * in a page that is not cross-origin isolated). So the page records arrival times only; the harness
 * compares their differences with the differences of the server's scheduled times, never the two
 * clocks directly (see bench/polyglot/page-timing.ts).
 */
(function installProbes(global) {
  const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  /** CRC-32 (IEEE 802.3), the checksum the envelope carries (Node's zlib.crc32). */
  function crc32(bytes) {
    let crc = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function payloadBytes(kindCode, body) {
    if (kindCode !== 'b') return new TextEncoder().encode(body);
    const binary = atob(body);
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  }

  /** Decodes the text envelope `<streamId> <seq> <scheduledNs> <writeLagNs> <kind> <crc32hex> <payload>`. */
  function decodeEnvelope(text) {
    const fields = [];
    let from = 0;
    for (let i = 0; i < 6; i++) {
      const space = text.indexOf(' ', from);
      if (space < 0) return undefined;
      fields.push(text.slice(from, space));
      from = space + 1;
    }
    const [, seq, scheduledNs, writeLagNs, kindCode, crcHex] = fields;
    if (!/^[tjb]$/.test(kindCode) || !/^\d+$/.test(seq) || !/^\d+$/.test(scheduledNs) || !/^\d+$/.test(writeLagNs))
      return undefined;
    // scheduledNs stays below 2^53 for 104 days of uptime, so a Number is exact here.
    return {
      seq: Number(seq),
      scheduledNs: Number(scheduledNs),
      checksumOk: crc32(payloadBytes(kindCode, text.slice(from))) === parseInt(crcHex, 16),
    };
  }

  /** What every probe collects; `finish` settles the probe exactly once. */
  function createTally(options, resolve) {
    const tally = {
      opened: false,
      ended: false,
      endSeq: null,
      timedOut: false,
      errors: 0,
      errorMessages: [],
      closeCode: null,
      malformed: 0,
      messages: [],
    };
    let timer;
    const finish = (cleanup) => {
      if (tally.settled) return;
      tally.settled = true;
      clearTimeout(timer);
      cleanup();
      delete tally.settled;
      resolve(tally);
    };
    tally.start = (cleanup) => {
      timer = setTimeout(() => ((tally.timedOut = true), finish(cleanup)), options.timeoutMs);
    };
    tally.onData = (text) => {
      const arrivalMs = performance.now();
      const envelope = decodeEnvelope(text);
      if (envelope === undefined) tally.malformed++;
      else
        tally.messages.push({
          seq: envelope.seq,
          scheduledNs: envelope.scheduledNs,
          checksumOk: envelope.checksumOk,
          arrivalMs,
        });
    };
    tally.onError = (message) => {
      tally.errors++;
      if (tally.errorMessages.length < 5) tally.errorMessages.push(String(message));
    };
    tally.finish = finish;
    return tally;
  }

  function probeEventSource(options) {
    return new Promise((resolve) => {
      const tally = createTally(options, resolve);
      const source = new EventSource(options.url);
      const cleanup = () => source.close();
      tally.start(cleanup);
      source.onopen = () => (tally.opened = true);
      source.onmessage = (event) => tally.onData(event.data);
      source.addEventListener('end', (event) => {
        tally.ended = true;
        tally.endSeq = Number(event.data);
        tally.finish(cleanup); // close, or EventSource reconnects when the server ends the response
      });
      source.onerror = () => {
        // A refused CORS check or a failed connection leaves readyState CLOSED; CONNECTING means
        // the browser would retry, which a bounded stream never needs.
        tally.onError(
          source.readyState === EventSource.CLOSED
            ? 'EventSource failed (readyState CLOSED)'
            : 'EventSource lost its connection (readyState CONNECTING)',
        );
        tally.finish(cleanup);
      };
    });
  }

  function probeWebSocket(options) {
    return new Promise((resolve) => {
      const tally = createTally(options, resolve);
      const socket = new WebSocket(options.url);
      const cleanup = () => socket.close();
      tally.start(cleanup);
      socket.onopen = () => (tally.opened = true);
      socket.onmessage = (event) => {
        if (typeof event.data === 'string' && event.data.startsWith('!end ')) {
          tally.ended = true;
          tally.endSeq = Number(event.data.slice(5));
        } else tally.onData(event.data);
      };
      socket.onerror = () => tally.onError('WebSocket error event');
      socket.onclose = (event) => {
        tally.closeCode = event.code;
        tally.finish(() => undefined);
      };
    });
  }

  /**
   * Splits a byte stream into event-stream lines (LF, CR or CRLF) and applies the field rules, as
   * fetch-event-source's parser does: `data:` lines join with LF, `event:` names the type, a blank
   * line dispatches.
   */
  function createEventStreamParser(onEvent) {
    let buffer = '';
    let eventType = '';
    let data = [];
    const feedLine = (line) => {
      if (line === '') {
        if (data.length > 0) onEvent(eventType || 'message', data.join('\n'));
        eventType = '';
        data = [];
        return;
      }
      if (line.startsWith(':')) return;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (name === 'data') data.push(value);
      else if (name === 'event') eventType = value;
    };
    // A CRLF split across two chunks must not count as two line endings.
    let skipLeadingLf = false;
    return (chunk) => {
      const text = skipLeadingLf && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
      skipLeadingLf = chunk.endsWith('\r');
      buffer += text;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop(); // no line ending yet: wait for the rest
      lines.forEach(feedLine);
    };
  }

  async function readEventStream(response, tally, controller) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const feed = createEventStreamParser((type, data) => {
      if (type !== 'end') return tally.onData(data);
      tally.ended = true;
      tally.endSeq = Number(data);
      controller.abort();
    });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      feed(value);
    }
  }

  function probeFetchSse(options) {
    return new Promise((resolve) => {
      const tally = createTally(options, resolve);
      const controller = new AbortController();
      const cleanup = () => controller.abort();
      tally.start(cleanup);
      fetch(options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(options.body ?? {}),
        signal: controller.signal,
      })
        .then((response) => {
          const type = response.headers.get('content-type') ?? '';
          if (!response.ok || !type.startsWith('text/event-stream'))
            throw new Error(`HTTP ${response.status}, content-type ${type}`);
          tally.opened = true;
          return readEventStream(response, tally, controller);
        })
        .catch((err) => {
          if (!tally.ended) tally.onError(err?.message ? err.message : err);
        })
        .finally(() => tally.finish(cleanup));
    });
  }

  /** The smallest step performance.now() takes in this page, in µs: the resolution of its times. */
  function measureClockResolutionUs() {
    let smallest = Infinity;
    for (let sample = 0; sample < 20; sample++) {
      const start = performance.now();
      let next = performance.now();
      while (next === start) next = performance.now();
      smallest = Math.min(smallest, next - start);
    }
    return smallest * 1000;
  }

  /** The parsing pieces, exposed so the harness can test them in the browser on their own. */
  global.probeParts = { crc32, decodeEnvelope, createEventStreamParser };

  const PROBES = { eventsource: probeEventSource, websocket: probeWebSocket, 'fetch-sse': probeFetchSse };

  /**
   * Runs one probe: `{ probe, url, timeoutMs, body? }` → the tally plus the page's origin and clock
   * resolution.
   */
  global.runProbe = async function runProbe(options) {
    const probe = PROBES[options.probe];
    if (probe === undefined)
      throw new Error(`unknown probe ${options.probe}; choose from ${Object.keys(PROBES).join(', ')}`);
    const tally = await probe(options);
    delete tally.start;
    delete tally.onData;
    delete tally.onError;
    delete tally.finish;
    return { ...tally, pageOrigin: location.origin, clockResolutionUs: measureClockResolutionUs() };
  };
})(globalThis);
