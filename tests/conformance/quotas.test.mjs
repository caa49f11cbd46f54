// A local gateway started with -EmulateQuotas, as the official SDK sees it: a call over API Gateway's
// per-account quota is the modelled TooManyRequestsException with retryAfterSeconds from Retry-After, and the
// SDK's own retry waits for it. Skipped when the suite was not given a gateway that emulates quotas.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APIGatewayClient, CreateRestApiCommand, TooManyRequestsException } from '@aws-sdk/client-api-gateway';
import { region, uniqueName, assertRejectsWith } from './support.mjs';

const quotaEndpoint = process.env.GW_QUOTA_ENDPOINT_URL;
const clientFor = (maxAttempts) => new APIGatewayClient({
  endpoint: quotaEndpoint,
  region,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts,
  requestHandler: { connectionTimeout: 5000, requestTimeout: 20000 },
});

describe('Control-plane quotas (-EmulateQuotas)', { skip: !quotaEndpoint && 'GW_QUOTA_ENDPOINT_URL is not set' }, () => {
  it('a second CreateRestApi within 3 s is TooManyRequestsException 429 with retryAfterSeconds, when the SDK may not retry', async () => {
    const client = clientFor(1);
    await client.send(new CreateRestApiCommand({ name: uniqueName('conf-quota') }));

    await assertRejectsWith(client.send(new CreateRestApiCommand({ name: uniqueName('conf-quota') })), TooManyRequestsException, 429, /Too Many Requests/);
    await assert.rejects(client.send(new CreateRestApiCommand({ name: uniqueName('conf-quota') })), (error) => {
      assert.match(error.retryAfterSeconds, /^[1-3]$/, 'Retry-After is read into retryAfterSeconds: whole seconds until a token');
      assert.equal(error.$metadata.attempts, 1);
      return true;
    });
  });

  it('with its default retries the SDK waits and the call succeeds on a later attempt', async () => {
    const client = clientFor(3);
    await client.send(new CreateRestApiCommand({ name: uniqueName('conf-quota') })).catch(() => {});

    const made = await client.send(new CreateRestApiCommand({ name: uniqueName('conf-quota') }));

    assert.match(made.id, /^[a-z0-9]{10}$/);
    assert.ok(made.$metadata.attempts >= 2, `attempts: ${made.$metadata.attempts}`);
  });
});
