// RequestValidator lifecycle, pagination, how methods refer to a validator, and TestInvokeMethod enforcing it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand,
  CreateRequestValidatorCommand, GetRequestValidatorCommand, GetRequestValidatorsCommand,
  UpdateRequestValidatorCommand, DeleteRequestValidatorCommand,
  PutMethodCommand, UpdateMethodCommand, GetMethodCommand, CreateModelCommand,
  PutIntegrationCommand, PutMethodResponseCommand, PutIntegrationResponseCommand, TestInvokeMethodCommand,
  NotFoundException, BadRequestException,
} from '@aws-sdk/client-api-gateway';
import { apigw, uniqueName, childIdPattern, assertRejectsWith, bestEffort } from './support.mjs';

describe('RequestValidator lifecycle', () => {
  let api;
  let validator;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-validators') }));
    validator = await apigw.send(new CreateRequestValidatorCommand({
      restApiId: api.id, name: 'body-only', validateRequestBody: true,
    }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('CreateRequestValidator answers 201 with the validator and false for flags not given', () => {
    assert.equal(validator.$metadata.httpStatusCode, 201);
    assert.match(validator.id, childIdPattern);
    assert.equal(validator.name, 'body-only');
    assert.equal(validator.validateRequestBody, true);
    assert.equal(validator.validateRequestParameters, false);
  });

  it('GetRequestValidator returns the same validator', async () => {
    const got = await apigw.send(new GetRequestValidatorCommand({ restApiId: api.id, requestValidatorId: validator.id }));
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.deepEqual(
      { id: got.id, name: got.name, body: got.validateRequestBody, parameters: got.validateRequestParameters },
      { id: validator.id, name: 'body-only', body: true, parameters: false });
  });

  it('UpdateRequestValidator applies every patch path it serves', async () => {
    const updated = await apigw.send(new UpdateRequestValidatorCommand({
      restApiId: api.id,
      requestValidatorId: validator.id,
      patchOperations: [
        { op: 'replace', path: '/name', value: 'everything' },
        { op: 'replace', path: '/validateRequestParameters', value: 'true' },
        { op: 'replace', path: '/validateRequestBody', value: 'true' },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.name, 'everything');
    assert.equal(updated.validateRequestParameters, true);
    assert.equal(updated.validateRequestBody, true);
  });

  it('UpdateRequestValidator refuses an unknown path and changes nothing', async () => {
    await assertRejectsWith(apigw.send(new UpdateRequestValidatorCommand({
      restApiId: api.id,
      requestValidatorId: validator.id,
      patchOperations: [
        { op: 'replace', path: '/name', value: 'half-applied' },
        { op: 'replace', path: '/noSuchField', value: 'x' },
      ],
    })), BadRequestException, 400);
    const got = await apigw.send(new GetRequestValidatorCommand({ restApiId: api.id, requestValidatorId: validator.id }));
    assert.equal(got.name, 'everything');
  });

  it('a method names the validator; an unknown id is a 400', async () => {
    const rootId = api.rootResourceId;
    const put = await apigw.send(new PutMethodCommand({
      restApiId: api.id, resourceId: rootId, httpMethod: 'POST', authorizationType: 'NONE', requestValidatorId: validator.id,
    }));
    assert.equal(put.requestValidatorId, validator.id);
    await assertRejectsWith(apigw.send(new PutMethodCommand({
      restApiId: api.id, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE', requestValidatorId: 'nope00',
    })), BadRequestException, 400, /Invalid Request Validator identifier specified/);
    await assertRejectsWith(apigw.send(new UpdateMethodCommand({
      restApiId: api.id, resourceId: rootId, httpMethod: 'POST',
      patchOperations: [{ op: 'replace', path: '/requestValidatorId', value: 'nope00' }],
    })), BadRequestException, 400, /Invalid Request Validator identifier specified/);
    const method = await apigw.send(new GetMethodCommand({ restApiId: api.id, resourceId: rootId, httpMethod: 'POST' }));
    assert.equal(method.requestValidatorId, validator.id);
  });

  it('DeleteRequestValidator answers 202, then the validator is gone', async () => {
    const second = await apigw.send(new CreateRequestValidatorCommand({ restApiId: api.id, name: 'doomed' }));
    const deleted = await apigw.send(new DeleteRequestValidatorCommand({ restApiId: api.id, requestValidatorId: second.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(
      apigw.send(new GetRequestValidatorCommand({ restApiId: api.id, requestValidatorId: second.id })),
      NotFoundException, 404, /Invalid Request Validator identifier specified/);
    await assertRejectsWith(
      apigw.send(new DeleteRequestValidatorCommand({ restApiId: api.id, requestValidatorId: second.id })),
      NotFoundException, 404);
  });
});

describe('GetRequestValidators', () => {
  let api;
  const names = ['v1', 'v2', 'v3', 'v4', 'v5'];

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-validator-pages') }));
    for (const name of names) {
      await apigw.send(new CreateRequestValidatorCommand({ restApiId: api.id, name }));
    }
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  // The service model names no paginator for this operation: follow position by hand.
  it('pages with position and limit, in creation order', async () => {
    const seen = [];
    let position;
    let pages = 0;
    do {
      const page = await apigw.send(new GetRequestValidatorsCommand({ restApiId: api.id, limit: 2, position }));
      seen.push(...page.items.map((v) => v.name));
      position = page.position;
      pages += 1;
    } while (position);
    assert.equal(pages, 3);
    assert.deepEqual(seen, names);
  });

  it('an unknown API is a 404', async () => {
    await assertRejectsWith(apigw.send(new GetRequestValidatorsCommand({ restApiId: 'abcdefghij' })), NotFoundException, 404);
  });
});

describe('TestInvokeMethod with a request validator', () => {
  let api;
  let method;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-validated-test') }));
    await apigw.send(new CreateModelCommand({
      restApiId: api.id, name: 'Pet', contentType: 'application/json',
      schema: JSON.stringify({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }),
    }));
    const validator = await apigw.send(new CreateRequestValidatorCommand({
      restApiId: api.id, name: 'both', validateRequestBody: true, validateRequestParameters: true,
    }));
    method = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'POST' };
    await apigw.send(new PutMethodCommand({
      ...method, authorizationType: 'NONE', requestValidatorId: validator.id,
      requestModels: { 'application/json': 'Pet' }, requestParameters: { 'method.request.querystring.limit': true },
    }));
    await apigw.send(new PutIntegrationCommand({ ...method, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await apigw.send(new PutMethodResponseCommand({ ...method, statusCode: '200' }));
    await apigw.send(new PutIntegrationResponseCommand({ ...method, statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' } }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  const testInvoke = (pathWithQueryString, body) => apigw.send(new TestInvokeMethodCommand({
    ...method, pathWithQueryString, body, headers: { 'Content-Type': 'application/json' },
  }));

  it('a missing required parameter answers status 400 with AWS\'s message, and the integration is not called', async () => {
    const answer = await testInvoke('/', '{"name": "Rex"}');
    assert.equal(answer.status, 400);
    assert.equal(answer.body, '{"message": "Missing required request parameters: [limit]"}');
    assert.match(answer.log, /Method completed with status: 400/);
  });

  it('a body that does not match the model answers status 400 Invalid request body', async () => {
    const answer = await testInvoke('/?limit=1', '{"age": 3}');
    assert.equal(answer.status, 400);
    assert.equal(answer.body, '{"message": "Invalid request body"}');
    assert.match(answer.log, /Request body does not match model schema for content type application\/json/);
  });

  it('a valid request reaches the integration', async () => {
    const answer = await testInvoke('/?limit=1', '{"name": "Rex"}');
    assert.equal(answer.status, 200);
    assert.equal(answer.body, '{"ok": true}');
  });
});
