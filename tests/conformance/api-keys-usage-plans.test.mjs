// API keys, usage plans, usage plan keys and GetUsage, read back by the official SDK.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, GetResourcesCommand, PutMethodCommand, PutIntegrationCommand,
  CreateDeploymentCommand,
  CreateApiKeyCommand, GetApiKeyCommand, GetApiKeysCommand, UpdateApiKeyCommand, DeleteApiKeyCommand,
  CreateUsagePlanCommand, GetUsagePlanCommand, GetUsagePlansCommand, UpdateUsagePlanCommand, DeleteUsagePlanCommand,
  CreateUsagePlanKeyCommand, GetUsagePlanKeyCommand, GetUsagePlanKeysCommand, DeleteUsagePlanKeyCommand,
  GetUsageCommand,
  NotFoundException, BadRequestException, ConflictException,
} from '@aws-sdk/client-api-gateway';
import { apigw, uniqueName, apiIdPattern, childIdPattern, assertRecentDate, assertRejectsWith, bestEffort } from './support.mjs';

describe('API keys', () => {
  let key;

  before(async () => {
    key = await apigw.send(new CreateApiKeyCommand({ name: uniqueName('conf-key'), enabled: true, customerId: 'acme', description: 'first' }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteApiKeyCommand({ apiKey: key.id }))));

  it('CreateApiKey answers 201 with a generated value', () => {
    assert.equal(key.$metadata.httpStatusCode, 201);
    assert.match(key.id, apiIdPattern);
    assert.match(key.value, /^[A-Za-z0-9]{40}$/);
    assert.equal(key.enabled, true);
    assert.equal(key.customerId, 'acme');
    assertRecentDate(key.createdDate, 'createdDate');
    assertRecentDate(key.lastUpdatedDate, 'lastUpdatedDate');
  });

  it('GetApiKey leaves the value out unless includeValue asks for it', async () => {
    const hidden = await apigw.send(new GetApiKeyCommand({ apiKey: key.id }));
    assert.equal(hidden.value, undefined);
    assert.equal(hidden.description, 'first');
    const shown = await apigw.send(new GetApiKeyCommand({ apiKey: key.id, includeValue: true }));
    assert.equal(shown.value, key.value);
  });

  it('GetApiKeys filters by name and customer id', async () => {
    const { items } = await apigw.send(new GetApiKeysCommand({ nameQuery: key.name, customerId: 'acme', includeValues: true }));
    assert.deepEqual(items.map((k) => [k.id, k.value]), [[key.id, key.value]]);
  });

  it('UpdateApiKey disables and renames', async () => {
    const updated = await apigw.send(new UpdateApiKeyCommand({
      apiKey: key.id,
      patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }, { op: 'replace', path: '/description', value: 'second' }],
    }));
    assert.equal(updated.enabled, false);
    assert.equal(updated.description, 'second');
  });

  it('a short value is BadRequestException and an unknown key NotFoundException', async () => {
    await assertRejectsWith(apigw.send(new CreateApiKeyCommand({ name: 'short', value: 'short' })), BadRequestException, 400,
      /at least 20 characters/);
    await assertRejectsWith(apigw.send(new GetApiKeyCommand({ apiKey: 'nosuchkey0' })), NotFoundException, 404,
      /^Invalid API Key identifier specified$/);
  });
});

describe('Usage plans, their keys and usage', () => {
  let restApiId;
  let plan;
  let key;

  before(async () => {
    const api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-plans') }));
    restApiId = api.id;
    const { items } = await apigw.send(new GetResourcesCommand({ restApiId }));
    const rootId = items[0].id;
    await apigw.send(new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    await apigw.send(new PutIntegrationCommand({ restApiId, resourceId: rootId, httpMethod: 'GET', type: 'MOCK' }));
    await apigw.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
    key = await apigw.send(new CreateApiKeyCommand({ name: uniqueName('conf-plan-key'), enabled: true }));
    plan = await apigw.send(new CreateUsagePlanCommand({
      name: uniqueName('conf-plan'),
      throttle: { rateLimit: 12.5, burstLimit: 25 },
      quota: { limit: 500, period: 'WEEK', offset: 1 },
      apiStages: [{ apiId: restApiId, stage: 'prod', throttle: { '//GET': { rateLimit: 2, burstLimit: 4 } } }],
    }));
  });
  after(async () => {
    await bestEffort(() => apigw.send(new DeleteUsagePlanCommand({ usagePlanId: plan.id })));
    await bestEffort(() => apigw.send(new DeleteApiKeyCommand({ apiKey: key.id })));
    await bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId })));
  });

  it('CreateUsagePlan answers 201 with its throttle, quota and stages', () => {
    assert.equal(plan.$metadata.httpStatusCode, 201);
    assert.match(plan.id, childIdPattern);
    assert.deepEqual(plan.throttle, { rateLimit: 12.5, burstLimit: 25 });
    assert.deepEqual(plan.quota, { limit: 500, period: 'WEEK', offset: 1 });
    assert.equal(plan.apiStages[0].apiId, restApiId);
    assert.deepEqual(plan.apiStages[0].throttle['//GET'], { rateLimit: 2, burstLimit: 4 });
  });

  it('CreateUsagePlan refuses a stage that does not exist and a period AWS does not have', async () => {
    await assertRejectsWith(apigw.send(new CreateUsagePlanCommand({ name: 'x', apiStages: [{ apiId: restApiId, stage: 'nope' }] })),
      NotFoundException, 404, /^Invalid API Stage \{api: \w+, stage: nope\} specified for usageplan \w+$/);
    await assertRejectsWith(apigw.send(new CreateUsagePlanCommand({ name: 'x', quota: { limit: 1, period: 'YEAR' } })),
      BadRequestException, 400);
  });

  it('GetUsagePlan and GetUsagePlans find it; UpdateUsagePlan patches it', async () => {
    const got = await apigw.send(new GetUsagePlanCommand({ usagePlanId: plan.id }));
    assert.equal(got.name, plan.name);
    const { items } = await apigw.send(new GetUsagePlansCommand({}));
    assert.ok(items.some((p) => p.id === plan.id));
    const updated = await apigw.send(new UpdateUsagePlanCommand({
      usagePlanId: plan.id,
      patchOperations: [
        { op: 'replace', path: '/quota/limit', value: '600' },
        { op: 'replace', path: `/apiStages/${restApiId}:prod/throttle/~1/GET/burstLimit`, value: '8' },
      ],
    }));
    assert.equal(updated.quota.limit, 600);
    assert.equal(updated.apiStages[0].throttle['//GET'].burstLimit, 8);
  });

  it('CreateUsagePlanKey, GetUsagePlanKey(s) and GetUsagePlans by key; a second add is ConflictException', async () => {
    const added = await apigw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
    assert.equal(added.$metadata.httpStatusCode, 201);
    assert.deepEqual([added.id, added.type, added.name], [key.id, 'API_KEY', key.name]);
    const got = await apigw.send(new GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id }));
    assert.equal(got.value, key.value);
    const { items } = await apigw.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }));
    assert.deepEqual(items.map((k) => k.id), [key.id]);
    const byKey = await apigw.send(new GetUsagePlansCommand({ keyId: key.id }));
    assert.deepEqual(byKey.items.map((p) => p.id), [plan.id]);
    await assertRejectsWith(apigw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' })),
      ConflictException, 409);
  });

  it('GetUsage answers a [used, remaining] pair per key per day', async () => {
    const usage = await apigw.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: '2026-01-01', endDate: '2026-01-02' }));
    assert.equal(usage.usagePlanId, plan.id);
    assert.equal(usage.startDate, '2026-01-01');
    assert.equal(usage.items[key.id].length, 2);
    assert.deepEqual(usage.items[key.id][0], [0, 600]);
  });

  it('DeleteUsagePlanKey and DeleteUsagePlan answer 202; the plan is gone', async () => {
    const removed = await apigw.send(new DeleteUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id }));
    assert.equal(removed.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id })), NotFoundException, 404);
    await apigw.send(new DeleteUsagePlanCommand({ usagePlanId: plan.id }));
    await assertRejectsWith(apigw.send(new GetUsagePlanCommand({ usagePlanId: plan.id })), NotFoundException, 404,
      /^Invalid Usage Plan ID specified$/);
  });
});
