/**
 * Micro-benchmarks of the SSE hot paths: formatting an event with the server's own encoder, and
 * parsing it back with eventsource-parser, the spec parser the clients use.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { encodeText } from '../../servers/envelope.js';
import { encodeSseEvent } from '../../servers/sse-encoding.js';
import { assertTask, type MicroTask } from './micro-task.js';
import { SAMPLE_JSON_ENVELOPE } from './sample-messages.js';

function assertEvent(event: EventSourceMessage | undefined): void {
  assertTask(event !== undefined, 'the SSE parser produced no event');
  assertTask(event?.id === String(SAMPLE_JSON_ENVELOPE.seq), `SSE event id ${event?.id} is not the sequence number`);
  assertTask(event?.data === encodeText(SAMPLE_JSON_ENVELOPE), 'SSE event data is not the envelope line');
}

/** Feeds complete events to one long-lived parser, as a client does on a stream. */
function createParseTask(): MicroTask {
  const eventText = encodeSseEvent(SAMPLE_JSON_ENVELOPE);
  // Counted across the whole benchmark: every feed of one complete event must yield exactly one.
  let feeds = 0;
  let events = 0;
  let lastEvent: EventSourceMessage | undefined;
  const parser = createParser({
    onEvent: (event) => {
      events++;
      lastEvent = event;
    },
  });
  return {
    name: 'sse_event_parse',
    runOnce: () => {
      feeds++;
      parser.feed(eventText);
      return lastEvent;
    },
    verify: () => {
      feeds++;
      parser.feed(eventText);
      assertEvent(lastEvent);
      assertTask(events === feeds, `the SSE parser emitted ${events} events for ${feeds} fed`);
    },
  };
}

/** The two SSE tasks: encode and parse. */
export function createSseTasks(): MicroTask[] {
  return [
    {
      name: 'sse_event_encode',
      runOnce: () => encodeSseEvent(SAMPLE_JSON_ENVELOPE),
      verify: () =>
        assertTask(
          encodeSseEvent(SAMPLE_JSON_ENVELOPE) ===
            `id: ${SAMPLE_JSON_ENVELOPE.seq}\ndata: ${encodeText(SAMPLE_JSON_ENVELOPE)}\n\n`,
          'SSE event text is malformed',
        ),
    },
    createParseTask(),
  ];
}
