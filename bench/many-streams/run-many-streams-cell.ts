/**
 * Measures one many-streams cell: a fresh server process of the cell's transport, then N streams
 * opened at once by our Node client or by a Chromium page, each its own feed (`?stream=i`) so its
 * first event leaves the moment it subscribes. What is left is connection set-up and queueing.
 */
import { transportNamed } from '../../transports/registry.js';
import type { CellRunner } from '../families.js';
import { withCellServer } from '../with-cell-server.js';
import { httpVersionOf, openChromiumStreams, pageUrlFor, type PageStreamKind } from './browser-streams.js';
import { manyStreamsParamsOf } from './many-streams-params.js';
import { openNodeStreams } from './node-streams.js';
import { countStreamErrors, summariseStreams, type StreamOutcome } from './stream-timings.js';
import { WS_FAMILY } from '../../transports/families.js';

/** One URL per stream on the server's origin: the scenario's stream, stream ids 1 … count. */
export function streamUrls(serverUrl: string, query: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const url = new URL(serverUrl);
    url.search = query;
    url.searchParams.set('stream', String(index + 1));
    return url.href;
  });
}

/** The browser API for a transport's family. */
export function pageStreamKind(transport: string): PageStreamKind {
  return transportNamed(transport).family === WS_FAMILY ? 'websocket' : 'eventsource';
}

interface ClientFigures {
  outcomes: StreamOutcome[];
  metrics: Record<string, number>;
  warnings: string[];
}

export const runManyStreamsCell: CellRunner = async (cell, abort) => {
  const params = manyStreamsParamsOf(cell);
  return withCellServer(
    cell,
    async ({ process: server, client, describe }) => {
      const urls = streamUrls(server.url, cell.query, params.streams);
      let figures: ClientFigures;
      if (params.client === 'node') {
        const outcomes = await openNodeStreams({
          transport: cell.transport,
          urls,
          stallDeadlineMs: params.stallDeadlineMs,
          ...(client.tls ? { tls: client.tls } : {}),
          abort,
        });
        figures = { outcomes, metrics: {}, warnings: [] };
      } else {
        const result = await openChromiumStreams({
          kind: pageStreamKind(cell.transport),
          urls,
          deadlineMs: params.stallDeadlineMs,
          pageUrl: pageUrlFor(server.url),
          abort,
        });
        const version = httpVersionOf(result.protocol);
        figures = {
          outcomes: result.outcomes,
          metrics: {
            chromium_major_version: Number.parseInt(result.browserVersion, 10) || 0,
            ...(version !== undefined ? { negotiated_http_version: version } : {}),
          },
          warnings: [
            ...(version === undefined
              ? [`Chromium reported no known protocol for the origin (${JSON.stringify(result.protocol)})`]
              : []),
            ...new Set(
              result.consoleErrors.map((text) => `Chromium: ${text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')}`),
            ),
          ],
        };
      }
      return {
        metrics: { ...summariseStreams(figures.outcomes), ...figures.metrics },
        histograms: {},
        errorCounts: countStreamErrors(figures.outcomes),
        warnings: figures.warnings,
        serverConfig: describe(),
      };
    },
    { abort, ownServerOnly: 'many-streams cells start their own server per stream count; --target is not supported' },
  );
};
