// The local gateway's Node.js worker: loads the handler once and runs one invocation at a time, as
// Lambda's runtime does. Protocol (JSON lines): the gateway writes {"event", "context"} on stdin; the
// worker answers one line on stdout: {"type":"result","payload":"<JSON>","logs":[...]} or
// {"type":"error","error":{errorMessage,errorType,stackTrace},"logs":[...]}. The handler's own output
// (console.*, process.stdout/stderr) is captured as its log, so stdout carries only the protocol.
import path from 'node:path';
import fs from 'node:fs';
import readline from 'node:readline';
import util from 'node:util';
import { pathToFileURL } from 'node:url';

const [codePath, handlerSpec] = process.argv.slice(2);
const MAX_LOG_LINES = 1000;
const MAX_LOG_CHARS = 1024 * 1024;
const sendLine = process.stdout.write.bind(process.stdout);

let pending = { requestId: 'init', logs: [], chars: 0 };
let current = null;

function log(level, text) {
  const target = current ?? pending;
  if (target.logs.length >= MAX_LOG_LINES || target.chars >= MAX_LOG_CHARS) {
    return;
  }
  const line = `${new Date().toISOString()}\t${target.requestId}\t${level}\t${text}`;
  target.chars += line.length;
  target.logs.push(line);
}

for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[method] = (...args) => log(level, util.format(...args));
}
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    for (const line of String(chunk).split('\n').filter(l => l.length > 0)) {
      log(stream === process.stderr ? 'ERROR' : 'INFO', line);
    }
    (typeof encoding === 'function' ? encoding : callback)?.();
    return true;
  };
}

class RuntimeError extends Error {
  constructor(type, message) {
    super(message);
    this.name = type;
  }
}

let handler = null;
async function loadHandler() {
  if (handler) {
    return handler;
  }
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerSpec}: write it as module.function, e.g. index.handler`);
  }
  const modulePath = handlerSpec.slice(0, dot);
  const functionName = handlerSpec.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs'].map(ext => path.resolve(codePath, modulePath + ext)).find(f => fs.existsSync(f));
  if (!file) {
    throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}' in ${codePath}`);
  }
  let loaded;
  try {
    loaded = await import(pathToFileURL(file).href);
  } catch (e) {
    throw new RuntimeError('Runtime.ImportModuleError', `${e?.name ?? 'Error'}: ${e?.message ?? e}`);
  }
  const found = loaded[functionName] ?? loaded.default?.[functionName];
  if (typeof found !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${handlerSpec} is undefined or not exported`);
  }
  handler = found;
  return handler;
}

function contextOf(c) {
  const context = {
    functionName: c.functionName,
    functionVersion: c.functionVersion,
    invokedFunctionArn: c.invokedFunctionArn,
    memoryLimitInMB: c.memoryLimitInMB,
    awsRequestId: c.awsRequestId,
    logGroupName: c.logGroupName,
    logStreamName: c.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, c.deadlineMs - Date.now()),
  };
  return context;
}

// Async handlers answer with their promise; callback handlers (three parameters) with the callback.
function run(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, value) => {
      if (!settled) {
        settled = true;
        if (error !== null && error !== undefined) {
          reject(error);
        } else {
          resolve(value);
        }
      }
    };
    context.done = callback;
    context.succeed = value => callback(null, value);
    context.fail = error => callback(error ?? new Error('handled'));
    const returned = fn(event, context, callback);
    if (returned && typeof returned.then === 'function') {
      returned.then(value => callback(null, value), callback);
    } else if (fn.length < 3) {
      callback(null, returned);
    }
  });
}

function errorOf(e) {
  if (e instanceof Error) {
    return {
      errorType: e.name,
      errorMessage: e.message,
      stackTrace: (e.stack ?? '').split('\n').slice(1).map(frame => frame.trim()).filter(frame => frame.length > 0),
    };
  }
  return { errorType: typeof e, errorMessage: typeof e === 'string' ? e : JSON.stringify(e) ?? String(e), stackTrace: [] };
}

async function invoke(message) {
  current = { requestId: message.context.awsRequestId, logs: [], chars: 0 };
  current.logs.push(...pending.logs);
  pending = { requestId: 'init', logs: [], chars: 0 };
  let reply;
  try {
    const value = await run(await loadHandler(), message.event, contextOf(message.context));
    reply = { type: 'result', payload: JSON.stringify(value === undefined ? null : value) };
  } catch (e) {
    reply = { type: 'error', error: errorOf(e) };
  }
  reply.logs = current.logs;
  current = null;
  sendLine(JSON.stringify(reply) + '\n');
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  await invoke(JSON.parse(line));
}
process.exit(0);
