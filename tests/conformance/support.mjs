// Shared set-up for the conformance tests: SDK clients pointed at the local gateway, and the
// assertions every file repeats (error shape, id formats, dates).
import assert from 'node:assert/strict';
import { APIGatewayClient, APIGatewayServiceException } from '@aws-sdk/client-api-gateway';
import { LambdaClient, LambdaServiceException } from '@aws-sdk/client-lambda';

export const endpoint = requireEnv('GW_ENDPOINT_URL');
export const functionName = requireEnv('GW_FUNCTION_NAME');
export const region = 'us-east-1';

const clientConfig = {
  endpoint,
  region,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  // A gateway that stops answering fails the request quickly instead of hanging the run.
  requestHandler: { connectionTimeout: 5000, requestTimeout: 20000 },
};

export const apigw = new APIGatewayClient(clientConfig);
export const lambda = new LambdaClient(clientConfig);

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} before running the conformance tests (run.ps1 does).`);
  return value;
}

/** A name no other test (or earlier run against the same gateway) uses. */
export function uniqueName(prefix) {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

// AWS ids: REST APIs and root resources have 10 lowercase alphanumerics; child resources and
// deployments have 6 (CloudFormation documents them as "abc123" / "123abc").
export const apiIdPattern = /^[a-z0-9]{10}$/;
export const childIdPattern = /^[a-z0-9]{6}$/;

/** A parsed timestamp: a real Date, close to now (the gateway and the test share a clock). */
export function assertRecentDate(value, label) {
  assert.ok(value instanceof Date, `${label} should parse to a Date, got ${typeof value}`);
  assert.ok(!Number.isNaN(value.getTime()), `${label} should be a valid date`);
  const skewMs = Math.abs(Date.now() - value.getTime());
  assert.ok(skewMs < 10 * 60 * 1000, `${label} ${value.toISOString()} should be within 10 minutes of now`);
}

/**
 * The call rejects with the SDK's modelled exception class: the SDK only builds that class when
 * the wire error code (x-amzn-ErrorType or body) names a modelled error, so this checks the code,
 * the status and that a message came through.
 */
export async function assertRejectsWith(promise, ExceptionClass, httpStatusCode, messagePattern) {
  const serviceBase = Object.getPrototypeOf(ExceptionClass.prototype) === APIGatewayServiceException.prototype
    ? APIGatewayServiceException
    : LambdaServiceException;
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, ExceptionClass.name, `error name (message: ${error.message})`);
    assert.ok(error instanceof ExceptionClass, `error should be the SDK's ${ExceptionClass.name}`);
    assert.ok(error instanceof serviceBase, 'error should derive from the service exception');
    assert.equal(error.$metadata?.httpStatusCode, httpStatusCode, 'HTTP status');
    assert.equal(typeof error.$metadata.requestId, 'string', 'errors carry x-amzn-RequestId too');
    assert.equal(error.$fault, httpStatusCode >= 500 ? 'server' : 'client', '$fault');
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0 && error.message !== 'UnknownError', `a message should come through, got "${error.message}"`);
    if (messagePattern) assert.match(error.message, messagePattern);
    return true;
  });
}

/** Deletes what a test created even when the test failed half way; never masks the test's own error. */
export async function bestEffort(action) {
  try { await action(); } catch { /* clean-up only */ }
}
