// RestApi lifecycle, pagination and the errors around it, plus what an unsigned caller gets.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, GetRestApiCommand, GetRestApisCommand, UpdateRestApiCommand, DeleteRestApiCommand,
  NotFoundException, BadRequestException, paginateGetRestApis,
} from '@aws-sdk/client-api-gateway';
import { apigw, endpoint, uniqueName, apiIdPattern, assertRecentDate, assertRejectsWith, bestEffort } from './support.mjs';

describe('RestApi lifecycle', () => {
  const name = uniqueName('conf-restapi');
  let created;

  before(async () => {
    created = await apigw.send(new CreateRestApiCommand({
      name,
      description: 'conformance demo',
      version: 'v1',
      binaryMediaTypes: ['image/png'],
      tags: { team: 'conformance' },
    }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: created.id }))));

  it('CreateRestApi answers 201 with the new API', () => {
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id, apiIdPattern);
    assert.equal(created.name, name);
    assert.equal(created.description, 'conformance demo');
    assert.equal(created.version, 'v1');
    assert.deepEqual(created.binaryMediaTypes, ['image/png']);
    assert.deepEqual(created.tags, { team: 'conformance' });
    assertRecentDate(created.createdDate, 'createdDate');
  });

  it('CreateRestApi fills in AWS defaults', () => {
    assert.match(created.rootResourceId, apiIdPattern);
    assert.equal(created.apiKeySource, 'HEADER');
    assert.deepEqual(created.endpointConfiguration?.types, ['EDGE']);
    assert.equal(created.disableExecuteApiEndpoint, false);
  });

  it('GetRestApi returns the same API', async () => {
    const got = await apigw.send(new GetRestApiCommand({ restApiId: created.id }));
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.equal(typeof got.$metadata.requestId, 'string', 'x-amzn-RequestId is sent');
    assert.equal(got.id, created.id);
    assert.equal(got.name, name);
    assert.equal(got.rootResourceId, created.rootResourceId);
    assert.equal(got.createdDate.getTime(), created.createdDate.getTime());
  });

  it('UpdateRestApi applies patch operations and returns the updated API', async () => {
    const updated = await apigw.send(new UpdateRestApiCommand({
      restApiId: created.id,
      patchOperations: [
        { op: 'replace', path: '/description', value: 'patched' },
        { op: 'replace', path: '/name', value: `${name}-renamed` },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.id, created.id);
    assert.equal(updated.description, 'patched');
    assert.equal(updated.name, `${name}-renamed`);
    const got = await apigw.send(new GetRestApiCommand({ restApiId: created.id }));
    assert.equal(got.description, 'patched');
  });

  it('UpdateRestApi rejects a path it does not know with BadRequestException', async () => {
    await assertRejectsWith(apigw.send(new UpdateRestApiCommand({
      restApiId: created.id,
      patchOperations: [{ op: 'replace', path: '/noSuchProperty', value: 'x' }],
    })), BadRequestException, 400);
  });
});

describe('RestApi deletion', () => {
  it('DeleteRestApi answers 202 and the API is gone afterwards', async () => {
    const { id } = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-delete') }));
    const deleted = await apigw.send(new DeleteRestApiCommand({ restApiId: id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetRestApiCommand({ restApiId: id })), NotFoundException, 404,
      /Invalid API identifier specified/);
  });

  it('DeleteRestApi of an unknown API is NotFoundException', async () => {
    await assertRejectsWith(apigw.send(new DeleteRestApiCommand({ restApiId: 'zzzzzzzzzz' })), NotFoundException, 404);
  });

  it('GetRestApi of an unknown API is NotFoundException naming the account and id', async () => {
    await assertRejectsWith(apigw.send(new GetRestApiCommand({ restApiId: 'nosuchapi0' })), NotFoundException, 404,
      /Invalid API identifier specified \d{12}:nosuchapi0/);
  });
});

describe('GetRestApis pagination', () => {
  const ids = [];

  before(async () => {
    for (let i = 0; i < 3; i++) {
      const { id } = await apigw.send(new CreateRestApiCommand({ name: uniqueName(`conf-page${i}`) }));
      ids.push(id);
    }
  });
  after(async () => {
    for (const id of ids) await bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: id })));
  });

  it('GetRestApis lists items with parsed dates', async () => {
    const page = await apigw.send(new GetRestApisCommand({ limit: 500 }));
    assert.ok(Array.isArray(page.items));
    for (const id of ids) {
      const api = page.items.find((item) => item.id === id);
      assert.ok(api, `API ${id} should be listed`);
      assertRecentDate(api.createdDate, 'items[].createdDate');
      assert.match(api.rootResourceId, apiIdPattern);
    }
  });

  it('limit bounds a page and position continues it', async () => {
    const first = await apigw.send(new GetRestApisCommand({ limit: 1 }));
    assert.equal(first.items.length, 1);
    assert.equal(typeof first.position, 'string', 'a page that is not the last carries a position');
    const second = await apigw.send(new GetRestApisCommand({ limit: 1, position: first.position }));
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0].id, first.items[0].id);
  });

  it('paginateGetRestApis with pageSize 1 visits every API exactly once', async () => {
    const seen = [];
    let pages = 0;
    for await (const page of paginateGetRestApis({ client: apigw, pageSize: 1 }, {})) {
      pages++;
      assert.ok(page.items.length <= 1, `page ${pages} has ${page.items.length} items`);
      seen.push(...page.items.map((item) => item.id));
      assert.ok(pages < 1000, 'pagination should end');
    }
    assert.equal(new Set(seen).size, seen.length, 'no API appears on two pages');
    for (const id of ids) assert.ok(seen.includes(id), `API ${id} should be visited`);
    assert.ok(pages >= ids.length);
  });
});

describe('authentication', () => {
  it('an unsigned request gets 403 Missing Authentication Token', async () => {
    const response = await fetch(new URL('/restapis', endpoint), { headers: { accept: 'application/json' } });
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { message: 'Missing Authentication Token' });
    assert.match(response.headers.get('x-amzn-errortype') ?? '', /^MissingAuthenticationTokenException/);
  });
});
