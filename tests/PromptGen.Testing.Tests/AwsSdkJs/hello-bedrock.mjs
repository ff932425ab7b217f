// AWS's hello-world ConverseStream example for the JavaScript SDK, plus the Converse call, run against the
// PromptGen Bedrock emulator. Usage: node hello-bedrock.mjs <converse-stream|converse> <http2|http1>
// The endpoint and credentials come from the environment (EMULATOR_ENDPOINT, AWS_ACCESS_KEY_ID, ...).
// Prints one JSON line: {"text": what the SDK delivered, "error": the SDK's error name or null, "message": ...}.
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const [operation, handler] = process.argv.slice(2);

const client = new BedrockRuntimeClient({
  region: process.env.AWS_REGION,
  endpoint: process.env.EMULATOR_ENDPOINT,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  },
  // One attempt: the test asserts what the SDK reports for the scripted answer, not its retry policy.
  maxAttempts: 1,
  // The client's default handler is NodeHttp2Handler; "http1" swaps in the classic HTTP/1.1 handler.
  ...(handler === "http1" ? { requestHandler: new NodeHttpHandler() } : {}),
});

const modelId = "anthropic.claude-3-haiku-20240307-v1:0";
const userMessage = "Describe the purpose of a 'hello world' program in one line.";
const conversation = [{ role: "user", content: [{ text: userMessage }] }];
const input = { modelId, messages: conversation, inferenceConfig: { maxTokens: 512, temperature: 0.5, topP: 0.9 } };

let text = "";
let error = null;
let message = null;
try {
  if (operation === "converse") {
    const response = await client.send(new ConverseCommand(input));
    text = response.output.message.content[0].text;
  } else {
    const response = await client.send(new ConverseStreamCommand(input));
    for await (const item of response.stream) {
      if (item.contentBlockDelta) {
        text += item.contentBlockDelta.delta?.text ?? "";
      }
    }
  }
} catch (err) {
  error = err.name;
  message = err.message;
} finally {
  client.destroy();
}

process.stdout.write(JSON.stringify({ text, error, message }) + "\n");
