import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createApp } from '../src/service/app.js';
import { listen, openRequest } from './support/listening.js';
import { eventually, testService } from './support/test-service.js';

const MAX_BYTES = 64 * 1024;
const svc = testService({ maxUploadBytes: MAX_BYTES });
const logs: Record<string, unknown>[] = [];
const app = createApp(svc.deps, (entry) => logs.push(entry));
const server = await listen(app);
after(async () => {
  await server.close();
  await svc.close();
});

const serverErrors = () => logs.filter((entry) => entry.level === 'error');

function multipart(parts: string): Buffer {
  return Buffer.from(parts.replace(/\n/g, '\r\n').replace(/\\n/g, '\n'), 'latin1');
}

async function postMultipart(body: Buffer): Promise<request.Response> {
  return request(app).post('/v1/problems').set('Content-Type', 'multipart/form-data; boundary=XX').send(body);
}

async function alive(): Promise<void> {
  await request(app).get('/healthz').expect(200);
}

test('a truncated multipart body is a 400 BAD_MULTIPART and the process lives on', async () => {
  const cases: [string, string][] = [
    ['file part cut short', '--XX\nContent-Disposition: form-data; name="file"; filename="a.cnf"\n\np cnf 3 1\\n1 0\\n'],
    ['another file part cut short', '--XX\nContent-Disposition: form-data; name="other"; filename="b.cnf"\n\np cnf 3 1\\n'],
    ['cut after the file', '--XX\nContent-Disposition: form-data; name="file"; filename="a.cnf"\n\np cnf 3 1\\n1 0\\n\n--XX\nContent-Disposition: form-data; name="x"\n\nabc'],
    ['a malformed part header', '--XX\nContent-Disposition form-data\n\np cnf 3 1\\n1 0\\n\n--XX--\n'],
  ];
  for (const [what, body] of cases) {
    const res = await postMultipart(multipart(body));
    assert.deepEqual([res.status, res.body.code], [400, 'BAD_MULTIPART'], what);
    await alive();
  }
  assert.deepEqual(serverErrors(), []);
  const whole = await postMultipart(multipart('--XX\nContent-Disposition: form-data; name="file"; filename="a.cnf"\n\np cnf 3 1\\n1 0\\n\n--XX--\n'));
  assert.equal(whole.status, 201, JSON.stringify(whole.body));
});

test('damaged or truncated gzip, raw or multipart, is a 400 BAD_GZIP', async () => {
  const gz = gzipSync('p cnf 3 2\n1 -2 0\n2 3 0\n');
  const damaged = Buffer.from(gz);
  damaged[damaged.length - 6] ^= 0xff;
  for (const body of [damaged, gz.subarray(0, gz.length - 9), gz.subarray(0, 2)]) {
    const raw = await request(app).post('/v1/problems').set('Content-Type', 'application/gzip').send(body);
    assert.deepEqual([raw.status, raw.body.code], [400, 'BAD_GZIP']);
    const form = await request(app).post('/v1/problems').attach('file', body, 'a.cnf.gz');
    assert.deepEqual([form.status, form.body.code], [400, 'BAD_GZIP']);
  }
  await alive();
});

/** Starts an upload by hand, waits until the service is parsing it, then drops the connection. */
async function abandon(head: string, firstBytes: string): Promise<void> {
  const socket = connect(server.port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(`POST /v1/problems HTTP/1.1\r\nHost: localhost\r\n${head}\r\n\r\n${firstBytes}`);
  await eventually(() => (svc.deps.intake.inFlight === 1 ? true : undefined));
  socket.destroy();
  await eventually(() => (svc.deps.intake.inFlight === 0 ? true : undefined));
}

test('a client that disconnects mid-upload leaves no upload in flight and no server error', async () => {
  const part = '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.cnf"\r\n\r\np cnf 3 1\n';
  await abandon('Content-Type: text/plain\r\nContent-Length: 60000', 'p cnf 3 1\n1 2 ');
  await abandon('Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked', '5\r\np cnf\r\n');
  await abandon('Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 60000', part);
  await abandon('Content-Type: application/gzip\r\nContent-Length: 60000', gzipSync('p cnf 3 1\n'.repeat(1000)).subarray(0, 40).toString('latin1'));
  assert.deepEqual(serverErrors(), []);
  await alive();
});

test('a chunked body over the limit is a 413 BODY_TOO_LARGE', async () => {
  const { req, reply } = openRequest(server.port, '/v1/problems', { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  req.on('error', () => {}); // the service may stop reading once it has answered
  req.end(Buffer.alloc(MAX_BYTES + 1000, 0x20));
  const res = await reply;
  assert.deepEqual([res.status, JSON.parse(res.body).code], [413, 'BODY_TOO_LARGE']);
  await alive();
});

test('a gzip bomb is answered 413 LIMIT_EXCEEDED before the client has sent all of it', { timeout: 60_000 }, async () => {
  for (const type of ['application/gzip', 'multipart']) {
    const bomb = gzipSync(Buffer.alloc(MAX_BYTES * 16, 0x20));
    const multipartHead = '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.cnf.gz"\r\n\r\n';
    const contentType = type === 'multipart' ? 'multipart/form-data; boundary=XX' : type;
    const { req, reply } = openRequest(server.port, '/v1/problems', { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' });
    req.on('error', () => {});
    if (type === 'multipart') req.write(multipartHead);
    req.write(bomb); // never ended: the answer cannot wait for the end of the body
    const res = await reply;
    assert.deepEqual([res.status, JSON.parse(res.body).code], [413, 'LIMIT_EXCEEDED'], type);
    req.destroy();
  }
  await alive();
});
