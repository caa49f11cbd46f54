// AWS's limits on what the control plane stores, as the SDK sees them: each refusal is a modelled
// BadRequestException and nothing is stored.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, GetRestApisCommand, PutMethodCommand, PutIntegrationCommand,
  TagResourceCommand, GetTagsCommand, BadRequestException,
} from '@aws-sdk/client-api-gateway';
import { apigw, region, uniqueName, assertRejectsWith, bestEffort } from './support.mjs';

describe('Stored sizes are bounded', () => {
  let api;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-limits') }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('CreateRestApi refuses a name over the bound and creates nothing', async () => {
    const name = uniqueName('conf-too-long').padEnd(1025, 'n');
    await assertRejectsWith(apigw.send(new CreateRestApiCommand({ name })), BadRequestException, 400, /at most 1024/);
    const all = await apigw.send(new GetRestApisCommand({ limit: 500 }));
    assert.ok(!all.items.some((item) => item.name === name));
  });

  it('CreateRestApi refuses 51 tags and a tag value over 256 characters', async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await assertRejectsWith(apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-tags'), tags })), BadRequestException, 400, /at most 50 tags/);
    await assertRejectsWith(
      apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-tags'), tags: { k: 'v'.repeat(257) } })),
      BadRequestException, 400, /at most 256/);
  });

  it('TagResource refuses what would pass 50 tags and keeps the tags as they were', async () => {
    const arn = `arn:aws:apigateway:${region}::/restapis/${api.id}`;
    await apigw.send(new TagResourceCommand({ resourceArn: arn, tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) }));
    await assertRejectsWith(apigw.send(new TagResourceCommand({ resourceArn: arn, tags: { extra: 'x' } })), BadRequestException, 400, /at most 50 tags/);
    const { tags } = await apigw.send(new GetTagsCommand({ resourceArn: arn }));
    assert.equal(Object.keys(tags).length, 50);
    assert.equal(tags.extra, undefined);
  });

  it('PutIntegration refuses a mapping template over 300 KB', async () => {
    await apigw.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await assertRejectsWith(apigw.send(new PutIntegrationCommand({
      restApiId: api.id,
      resourceId: api.rootResourceId,
      httpMethod: 'GET',
      type: 'MOCK',
      requestTemplates: { 'application/json': 'x'.repeat(300 * 1024 + 1) },
    })), BadRequestException, 400, /300 KB/);
  });
});
