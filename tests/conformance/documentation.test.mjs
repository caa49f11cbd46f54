// Documentation parts and versions: lifecycle, filters, import, and a version published on a stage.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, PutMethodCommand, PutIntegrationCommand, CreateDeploymentCommand, GetStageCommand,
  CreateDocumentationPartCommand, GetDocumentationPartCommand, GetDocumentationPartsCommand,
  UpdateDocumentationPartCommand, DeleteDocumentationPartCommand, ImportDocumentationPartsCommand,
  CreateDocumentationVersionCommand, GetDocumentationVersionCommand, GetDocumentationVersionsCommand,
  UpdateDocumentationVersionCommand, DeleteDocumentationVersionCommand,
  NotFoundException, BadRequestException, ConflictException,
} from '@aws-sdk/client-api-gateway';
import { apigw, uniqueName, childIdPattern, assertRecentDate, assertRejectsWith, bestEffort } from './support.mjs';

describe('DocumentationPart lifecycle', () => {
  let api;
  let part;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-docs') }));
    part = await apigw.send(new CreateDocumentationPartCommand({
      restApiId: api.id, location: { type: 'METHOD', path: '/pets', method: 'GET' }, properties: '{"summary":"List pets"}',
    }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('CreateDocumentationPart answers 201 with the part and its location', () => {
    assert.equal(part.$metadata.httpStatusCode, 201);
    assert.match(part.id, childIdPattern);
    assert.deepEqual({ ...part.location }, { type: 'METHOD', path: '/pets', method: 'GET' });
    assert.equal(part.properties, '{"summary":"List pets"}');
  });

  it('a second part at the same location is a 409; a field the type does not take is a 400', async () => {
    await assertRejectsWith(apigw.send(new CreateDocumentationPartCommand({
      restApiId: api.id, location: { type: 'METHOD', path: '/pets', method: 'GET' }, properties: '{}',
    })), ConflictException, 409, /Documentation part already exists for the specified location: type 'METHOD', path '\/pets', method 'GET'/);
    await assertRejectsWith(apigw.send(new CreateDocumentationPartCommand({
      restApiId: api.id, location: { type: 'API', path: '/pets' }, properties: '{}',
    })), BadRequestException, 400);
  });

  it('GetDocumentationPart and UpdateDocumentationPart (/properties)', async () => {
    const got = await apigw.send(new GetDocumentationPartCommand({ restApiId: api.id, documentationPartId: part.id }));
    assert.equal(got.id, part.id);
    const updated = await apigw.send(new UpdateDocumentationPartCommand({
      restApiId: api.id, documentationPartId: part.id,
      patchOperations: [{ op: 'replace', path: '/properties', value: '{"summary":"All pets"}' }],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.properties, '{"summary":"All pets"}');
  });

  it('GetDocumentationParts filters by type, path, name and status, and pages', async () => {
    await apigw.send(new CreateDocumentationPartCommand({ restApiId: api.id, location: { type: 'API' }, properties: '{}' }));
    await apigw.send(new CreateDocumentationPartCommand({
      restApiId: api.id, location: { type: 'QUERY_PARAMETER', path: '/pets', method: 'GET', name: 'limit' }, properties: '{"description":"How many"}',
    }));
    const byType = await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id, type: 'QUERY_PARAMETER' }));
    assert.deepEqual(byType.items.map((p) => p.location.name), ['limit']);
    const byPath = await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id, path: '/pets' }));
    assert.equal(byPath.items.length, 2);
    const byName = await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id, nameQuery: 'lim' }));
    assert.equal(byName.items.length, 1);
    const undocumented = await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id, locationStatus: 'UNDOCUMENTED' }));
    assert.deepEqual(undocumented.items.map((p) => p.location.type), ['API']);
    const first = await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id, limit: 2 }));
    assert.equal(first.items.length, 2);
    const rest = await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id, limit: 2, position: first.position }));
    assert.equal(rest.items.length, 1);
    assert.equal(rest.position, undefined);
  });

  it('DeleteDocumentationPart answers 202, then the part is gone', async () => {
    const deleted = await apigw.send(new DeleteDocumentationPartCommand({ restApiId: api.id, documentationPartId: part.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetDocumentationPartCommand({ restApiId: api.id, documentationPartId: part.id })),
      NotFoundException, 404, /Invalid Documentation part identifier specified/);
  });
});

describe('ImportDocumentationParts', () => {
  let api;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-docs-import') }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  const document = (parts) => new TextEncoder().encode(JSON.stringify({
    swagger: '2.0', 'x-amazon-apigateway-documentation': { version: '1', documentationParts: parts },
  }));

  it('merges the parts of a document and reports the ids', async () => {
    const imported = await apigw.send(new ImportDocumentationPartsCommand({
      restApiId: api.id, mode: 'merge',
      body: document([
        { location: { type: 'API' }, properties: { description: 'Pets' } },
        { location: { type: 'RESOURCE', path: '/pets' }, properties: { description: 'The pets' } },
      ]),
    }));
    assert.equal(imported.$metadata.httpStatusCode, 200);
    assert.equal(imported.ids.length, 2);
    const parts = await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id }));
    assert.deepEqual(parts.items.map((p) => JSON.parse(p.properties).description), ['Pets', 'The pets']);
  });

  it('overwrite replaces every part; failOnWarnings refuses a document with a bad part', async () => {
    const overwritten = await apigw.send(new ImportDocumentationPartsCommand({
      restApiId: api.id, mode: 'overwrite', body: document([{ location: { type: 'API' }, properties: { description: 'Only' } }]),
    }));
    assert.equal(overwritten.ids.length, 1);
    assert.equal((await apigw.send(new GetDocumentationPartsCommand({ restApiId: api.id }))).items.length, 1);
    await assertRejectsWith(apigw.send(new ImportDocumentationPartsCommand({
      restApiId: api.id, mode: 'merge', failOnWarnings: true, body: document([{ location: { type: 'NOPE' }, properties: {} }]),
    })), BadRequestException, 400);
  });
});

describe('DocumentationVersion lifecycle', () => {
  let api;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-docs-versions') }));
    await apigw.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await apigw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
    await apigw.send(new CreateDocumentationPartCommand({ restApiId: api.id, location: { type: 'API' }, properties: '{"description":"v1"}' }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('CreateDocumentationVersion answers 201 and, given a stage, the stage publishes it', async () => {
    const created = await apigw.send(new CreateDocumentationVersionCommand({
      restApiId: api.id, documentationVersion: '1.0', description: 'first', stageName: 'prod',
    }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.version, '1.0');
    assert.equal(created.description, 'first');
    assertRecentDate(created.createdDate, 'createdDate');
    const stage = await apigw.send(new GetStageCommand({ restApiId: api.id, stageName: 'prod' }));
    assert.equal(stage.documentationVersion, '1.0');
    await assertRejectsWith(apigw.send(new CreateDocumentationVersionCommand({ restApiId: api.id, documentationVersion: '1.0' })),
      ConflictException, 409);
  });

  it('Get, GetDocumentationVersions, Update (/description) and Delete', async () => {
    const got = await apigw.send(new GetDocumentationVersionCommand({ restApiId: api.id, documentationVersion: '1.0' }));
    assert.equal(got.version, '1.0');
    const list = await apigw.send(new GetDocumentationVersionsCommand({ restApiId: api.id }));
    assert.deepEqual(list.items.map((v) => v.version), ['1.0']);
    const updated = await apigw.send(new UpdateDocumentationVersionCommand({
      restApiId: api.id, documentationVersion: '1.0', patchOperations: [{ op: 'replace', path: '/description', value: 'renamed' }],
    }));
    assert.equal(updated.description, 'renamed');
    const deleted = await apigw.send(new DeleteDocumentationVersionCommand({ restApiId: api.id, documentationVersion: '1.0' }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetDocumentationVersionCommand({ restApiId: api.id, documentationVersion: '1.0' })),
      NotFoundException, 404, /Invalid Documentation version specified/);
  });
});
