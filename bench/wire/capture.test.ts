/**
 * Proves the method: the bytes the harness counts on its sockets equal the TCP payload a packet
 * capture sees, to the byte, and equal the sizes worked out by hand from the specifications.
 * Needs dumpcap and tshark; without them every capture test fails with the install command
 * (CI installs them, so a skip would hide a broken CI image).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, connect, type Server } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { PhaseError } from '../phase-error.js';
import { startCapture, type Capture } from './capture.js';
import { resolveCaptureTools } from './capture-tools.js';
import { createHttpChunkedSample } from './http-chunked-sample.js';
import { verifySampleExchange, type SampleVerdict } from './sample-exchange.js';
import { hasIpv6Loopback } from './sample-exchanges.js';
import { createTcpSample } from './tcp-sample.js';
import { verifyAgainstCapture } from './verify-against-capture.js';
import { createWsSample } from './ws-sample.js';
import { isRunning } from '../../test/support/process-helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** dumpcap processes writing into one of our temporary capture folders: any left over is a leak. */
function findCaptureProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('dumpcap') && argv.some((arg) => arg.includes('wire-capture-'))) pids.push(Number(entry));
    } catch {
      // The process ended while we looked: not a leak.
    }
  }
  return pids;
}

function listCaptureFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('wire-capture-'));
}

function knownAnswer(verdict: SampleVerdict, name: string): { expectedBytes: number; measuredBytes: number } {
  const answer = verdict.knownAnswers.find((candidate) => candidate.name === name);
  if (!answer)
    throw new Error(`no known answer named ${name}; have ${verdict.knownAnswers.map((a) => a.name).join(', ')}`);
  return { expectedBytes: answer.expectedBytes, measuredBytes: answer.measuredBytes };
}

/** A server that accepts and drains, for tests that need a port with (or without) traffic. */
async function startSinkServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.resume().on('end', () => socket.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

describe('capture tools', () => {
  it('are installed (otherwise: run bench/setup/install-system-packages.sh)', () => {
    expect(() => resolveCaptureTools()).not.toThrow();
  });

  it('say how to install them when they are missing', () => {
    const savedPath = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      expect(() => resolveCaptureTools()).toThrow(
        /dumpcap and tshark not found.*bench\/setup\/install-system-packages\.sh/,
      );
    } finally {
      process.env['PATH'] = savedPath;
    }
  });
});

describe('capture agrees with the sockets and with the known sizes', () => {
  it('raw TCP over IPv4: 1,000 bytes up in 3 writes, 70,000 down', async () => {
    const verdict = await verifySampleExchange(createTcpSample('127.0.0.1'));
    const [check] = verdict.report.checks;
    expect(check).toMatchObject({
      captureBytesUp: 1000,
      captureBytesDown: 70_000,
      harnessBytesUp: 1000,
      harnessBytesDown: 70_000,
      diffBytesUp: 0,
      diffBytesDown: 0,
      capturedStreams: 1,
    });
    expect(verdict.report.unclaimedConnections).toEqual([]);
    expect(verdict.report.droppedPackets).toBe(0);
    expect(knownAnswer(verdict, 'server read what the client wrote')).toEqual({
      expectedBytes: 1000,
      measuredBytes: 1000,
    });
    expect(verdict.ok).toBe(true);
  });

  it.skipIf(!hasIpv6Loopback())('raw TCP over IPv6 loopback (::1)', async () => {
    const verdict = await verifySampleExchange(createTcpSample('::1'));
    expect(verdict.report.checks[0]).toMatchObject({
      captureBytesUp: 1000,
      captureBytesDown: 70_000,
      diffBytesUp: 0,
      diffBytesDown: 0,
    });
    expect(verdict.ok).toBe(true);
  });

  it('HTTP/1.1 chunked: the body costs exactly the RFC 9112 chunk framing', async () => {
    const verdict = await verifySampleExchange(createHttpChunkedSample());
    const [check] = verdict.report.checks;
    expect(check?.diffBytesUp).toBe(0);
    expect(check?.diffBytesDown).toBe(0);
    expect(check?.captureBytesDown).toBe(check?.harnessBytesDown);
    // Chunks 1, 15, 16, 255, 256, 4096, 70000 = 74,639 data bytes; hex sizes take 1+1+2+2+3+4+5 = 18
    // bytes, two CRLFs per chunk 28, and `0\r\n\r\n` 5: 51 bytes of framing, 74,690 on the wire.
    expect(knownAnswer(verdict, 'client received Σ chunk data')).toEqual({
      expectedBytes: 74_639,
      measuredBytes: 74_639,
    });
    expect(knownAnswer(verdict, 'chunk framing overhead')).toEqual({ expectedBytes: 51, measuredBytes: 51 });
    expect(knownAnswer(verdict, 'body on the wire = Σ chunkedFramingBytes + 0\\r\\n\\r\\n')).toEqual({
      expectedBytes: 74_690,
      measuredBytes: 74_690,
    });
    expect(verdict.ok).toBe(true);
  });

  it('WebSocket: after the upgrade, stream bytes are the RFC 6455 frame sizes', async () => {
    const verdict = await verifySampleExchange(createWsSample());
    const [check] = verdict.report.checks;
    expect(check?.diffBytesUp).toBe(0);
    expect(check?.diffBytesDown).toBe(0);
    // Up, masked: 125 → 2+4+125 = 131; 65,536 → 10+4+65,536 = 65,550. Sum 65,681.
    expect(knownAnswer(verdict, 'stream up = Σ wsFrameBytes(masked)')).toEqual({
      expectedBytes: 65_681,
      measuredBytes: 65_681,
    });
    // Down: 100 → 102; 126 → 130; 70,000 → 70,010. Sum 70,242.
    expect(knownAnswer(verdict, 'stream down = Σ wsFrameBytes(unmasked)')).toEqual({
      expectedBytes: 70_242,
      measuredBytes: 70_242,
    });
    expect(knownAnswer(verdict, 'close frame up (masked, code only)')).toEqual({ expectedBytes: 8, measuredBytes: 8 });
    expect(knownAnswer(verdict, 'close frame down (code only)')).toEqual({ expectedBytes: 4, measuredBytes: 4 });
    // Total on the wire = upgrade + frames + close, both by the sockets and by the capture.
    const upgradeUp = knownAnswer(verdict, 'upgrade request: server read = client wrote').measuredBytes;
    expect(check?.captureBytesUp).toBe(upgradeUp + 65_681 + 8);
    expect(verdict.ok).toBe(true);
  });
});

describe('a capture notices what the harness did not count', () => {
  it('reports a connection the harness left out as unclaimed, and fails', async () => {
    const { port } = await startSinkServer();
    const report = await verifyAgainstCapture([port], async () => {
      const socket = connect({ host: '127.0.0.1', port });
      await once(socket, 'connect');
      socket.end(Buffer.alloc(10));
      await once(socket, 'close');
      return []; // the harness "forgot" this connection
    });
    expect(report.ok).toBe(false);
    expect(report.unclaimedConnections).toHaveLength(1);
    expect(report.unclaimedConnections[0]?.bytesToServer).toBe(10);
  });

  it('reports a wrong harness count as a non-zero difference', async () => {
    const { port } = await startSinkServer();
    const report = await verifyAgainstCapture([port], async () => {
      const socket = connect({ host: '127.0.0.1', port });
      await once(socket, 'connect');
      const clientPort = socket.localPort ?? -1;
      socket.end(Buffer.alloc(10));
      await once(socket, 'close');
      return [{ label: 'off by 3', clientPort, bytesUp: socket.bytesWritten - 3, bytesDown: socket.bytesRead }];
    });
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ diffBytesUp: 3, diffBytesDown: 0 });
  });
});

describe('a capture leaves nothing behind', () => {
  it('stop() ends dumpcap and deletes the file', async () => {
    const { port } = await startSinkServer();
    const capture = await startCapture({ ports: [port] });
    cleanups.push(() => capture.abort().catch(() => undefined));
    expect(isRunning(capture.pid)).toBe(true);
    expect(existsSync(capture.filePath)).toBe(true);
    const summary = await capture.stop();
    expect(summary.connections).toEqual([]); // the fence's own probes are not measured connections
    expect(isRunning(capture.pid)).toBe(false);
    expect(existsSync(capture.filePath)).toBe(false);
    expect(findCaptureProcesses()).toEqual([]);
  });

  it('abort() ends dumpcap and deletes the file', async () => {
    const { port } = await startSinkServer();
    const capture: Capture = await startCapture({ ports: [port] });
    await capture.abort();
    expect(isRunning(capture.pid)).toBe(false);
    expect(existsSync(capture.filePath)).toBe(false);
    await expect(capture.stop()).rejects.toThrow(/already stopped/);
  });

  it('an exchange that throws aborts the capture and passes its error through', async () => {
    const { port } = await startSinkServer();
    const foldersBefore = listCaptureFolders();
    const failure = new PhaseError('connect', 'the exchange failed on purpose');
    await expect(verifyAgainstCapture([port], () => Promise.reject(failure))).rejects.toBe(failure);
    expect(findCaptureProcesses()).toEqual([]);
    expect(listCaptureFolders()).toEqual(foldersBefore);
  });

  it('a dumpcap that cannot start fails with its own message and leaves nothing', async () => {
    const foldersBefore = listCaptureFolders();
    const start = startCapture({ ports: [9], iface: 'no-such-interface' as 'lo' });
    await expect(start).rejects.toMatchObject({
      category: 'config',
      message: expect.stringMatching(/dumpcap exited.*no-such-interface/s),
    });
    expect(findCaptureProcesses()).toEqual([]);
    expect(listCaptureFolders()).toEqual(foldersBefore);
  });

  it('rejects ports that are not TCP ports before starting anything', async () => {
    await expect(startCapture({ ports: [] })).rejects.toMatchObject({ category: 'config' });
    await expect(startCapture({ ports: [70_000] })).rejects.toMatchObject({ category: 'config' });
  });
});
