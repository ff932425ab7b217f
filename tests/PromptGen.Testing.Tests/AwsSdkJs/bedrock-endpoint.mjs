// An independent Bedrock Runtime endpoint built on AWS's own JavaScript pieces: requests are verified by re-signing
// them with @smithy/signature-v4, and stream frames are encoded by @smithy/core's EventStreamCodec. None of
// PromptGen's code runs here, so PromptGen's client is checked against AWS's signer and codec, not against itself.
//
// Usage: node bedrock-endpoint.mjs   (ENDPOINT_ACCESS_KEY, ENDPOINT_SECRET_KEY and ENDPOINT_REGION in the environment)
// Prints {"port": N} once it listens on 127.0.0.1. Control requests (unsigned, never sent by a Bedrock client):
//   POST /__scenarios  a JSON array of scenarios, answered one per Bedrock request in order (replaces any left)
//   GET  /__pending    how many of them no request has taken yet: { pending }
//   GET  /__requests   what was received so far: [{ path, operation, verified, body }]
// A scenario: { "events": [{ "type", "payload" }], "slice": max bytes per write, "seed",
//   "httpError": { "status", "type", "message" }, "exceptionAfter": N, "exception": { "type", "message" },
//   "errorFrameAfter": N, "errorFrame": { "code", "message" }, "unknownAfter": N, "corruptFrame": N,
//   "corruptPrelude": N, "truncateInFrame": N, "resetInFrame": N, "stallAfter": N }. Frames count from 0; a cut
// "in" a frame falls half-way through it.
import { createServer } from "node:http";
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { EventStreamCodec } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";

const accessKeyId = process.env.ENDPOINT_ACCESS_KEY;
const secretAccessKey = process.env.ENDPOINT_SECRET_KEY;
const region = process.env.ENDPOINT_REGION;
const codec = new EventStreamCodec(toUtf8, fromUtf8);
const scenarios = [];
const received = [];

// The hash constructor SignatureV4 expects: an HMAC when given a secret, a plain SHA-256 otherwise.
class Sha256 {
  constructor(secret) {
    this.hash = secret ? createHmac("sha256", secret) : createHash("sha256");
  }
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

// applyChecksum off: the signer must sign exactly the headers the client signed, not add x-amz-content-sha256.
const signer = new SignatureV4({ service: "bedrock", region, credentials: { accessKeyId, secretAccessKey }, sha256: Sha256, applyChecksum: false });

// Recomputes the signature over exactly the headers the client says it signed, at the time it says it signed.
async function verify(request, body) {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
    request.headers.authorization ?? "");
  if (!match) return "MissingAuthenticationTokenException";
  const [, keyId, , scopeRegion, service, signedHeaders, signature] = match;
  if (keyId !== accessKeyId) return "UnrecognizedClientException";
  if (scopeRegion !== region || service !== "bedrock") return "InvalidSignatureException";
  const amzDate = request.headers["x-amz-date"] ?? "";
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  const headers = {};
  for (const name of signedHeaders.split(";")) headers[name] = request.headers[name] ?? "";
  const [hostname, port] = (request.headers.host ?? "").split(":");
  const signed = await signer.sign(
    { method: request.method, protocol: "http:", hostname, port: Number(port), path: request.url, query: {}, headers, body },
    { signingDate });
  const expected = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)[1];
  return expected === signature ? null : "InvalidSignatureException";
}

function frame(headers, payload) {
  const encodedHeaders = {};
  for (const [name, value] of Object.entries(headers)) encodedHeaders[name] = { type: "string", value };
  return codec.encode({ headers: encodedHeaders, body: payload === undefined ? new Uint8Array(0) : fromUtf8(JSON.stringify(payload)) });
}

const eventFrame = (type, payload) =>
  frame({ ":event-type": type, ":content-type": "application/json", ":message-type": "event" }, payload);

function streamBytes(scenario) {
  const frames = [];
  const events = scenario.events ?? [];
  const stop = Math.min(events.length, scenario.exceptionAfter ?? Infinity, scenario.errorFrameAfter ?? Infinity, scenario.stallAfter ?? Infinity);
  for (let i = 0; i < stop; i++) {
    if (i === scenario.unknownAfter) frames.push(eventFrame("futureEventType", { introduced: "later", index: i }));
    frames.push(eventFrame(events[i].type, events[i].payload));
  }
  if (scenario.exception && stop === scenario.exceptionAfter) {
    frames.push(frame(
      { ":exception-type": scenario.exception.type, ":content-type": "application/json", ":message-type": "exception" },
      { message: scenario.exception.message }));
  }
  if (scenario.errorFrame && stop === scenario.errorFrameAfter) {
    frames.push(frame({ ":error-code": scenario.errorFrame.code, ":error-message": scenario.errorFrame.message, ":message-type": "error" }));
  }
  if (scenario.corruptFrame !== undefined) {
    // The last byte is the message CRC: flipping a payload byte leaves the prelude valid and the message CRC wrong.
    const target = frames[scenario.corruptFrame];
    target[target.length - 5] ^= 0x20;
  }
  if (scenario.corruptPrelude !== undefined) {
    frames[scenario.corruptPrelude][2] ^= 0x01;
  }
  const cutFrame = scenario.truncateInFrame ?? scenario.resetInFrame;
  let cut = Infinity;
  if (cutFrame !== undefined) {
    cut = frames.slice(0, cutFrame).reduce((sum, bytes) => sum + bytes.length, 0) + Math.floor(frames[cutFrame].length / 2);
  }
  return { bytes: Buffer.concat(frames.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))), cut };
}

// Writes in slices of 1 to `slice` bytes (a seeded sequence), each its own chunk, so frames cross every boundary.
async function writeSliced(response, { bytes, cut }, scenario) {
  const limit = Math.min(bytes.length, cut);
  let seed = scenario.seed ?? 1;
  for (let offset = 0; offset < limit;) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = Math.min(limit - offset, scenario.slice ? 1 + (seed % scenario.slice) : limit);
    response.write(bytes.subarray(offset, offset + size));
    offset += size;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function converseBody(events) {
  let text = "";
  const result = {};
  for (const { type, payload } of events) {
    if (type === "contentBlockDelta" && payload.delta.text !== undefined) text += payload.delta.text;
    if (type === "messageStop") result.stopReason = payload.stopReason;
    if (type === "metadata") Object.assign(result, { usage: payload.usage, metrics: payload.metrics });
  }
  return { output: { message: { role: "assistant", content: [{ text }] } }, ...result };
}

function sendError(response, status, type, message) {
  response.writeHead(status, {
    "content-type": "application/json",
    "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    "x-amzn-requestid": "independent-endpoint-request",
  });
  response.end(JSON.stringify({ message }));
}

async function handle(request, response) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString("utf8");

  if (request.url === "/__scenarios" && request.method === "POST") {
    scenarios.splice(0, scenarios.length, ...JSON.parse(body));
    response.writeHead(204).end();
    return;
  }
  if (request.url === "/__pending") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ pending: scenarios.length }));
    return;
  }
  if (request.url === "/__requests") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
    return;
  }

  const route = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(request.url);
  if (request.method !== "POST" || !route) {
    sendError(response, 404, "UnknownOperationException", "");
    return;
  }
  const authError = await verify(request, body);
  received.push({ path: request.url, operation: route[2], verified: authError === null, body });
  if (authError) {
    sendError(response, 403, authError, "The request signature we calculated does not match the signature you provided.");
    return;
  }

  const scenario = scenarios.shift() ?? { httpError: { status: 500, type: "InternalServerException", message: "No scenario queued." } };
  if (scenario.httpError) {
    sendError(response, scenario.httpError.status, scenario.httpError.type, scenario.httpError.message);
    return;
  }
  if (route[2] === "converse") {
    response.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "independent-endpoint-request" });
    response.end(JSON.stringify(converseBody(scenario.events ?? [])));
    return;
  }

  response.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": "independent-endpoint-request" });
  await writeSliced(response, streamBytes(scenario), scenario);
  if (scenario.resetInFrame !== undefined) {
    request.socket.destroy();
  } else if (scenario.stallAfter === undefined) {
    response.end();
  }
}

const server = createServer((request, response) => {
  handle(request, response).catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    request.socket.destroy();
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n"));
// The test closes stdin when it is done: the endpoint goes with it, even if the test process is killed.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
