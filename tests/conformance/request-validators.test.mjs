// RequestValidator lifecycle, pagination, and how methods refer to a validator.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand,
  CreateRequestValidatorCommand, GetRequestValidatorCommand, GetRequestValidatorsCommand,
  UpdateRequestValidatorCommand, DeleteRequestValidatorCommand,
  PutMethodCommand, UpdateMethodCommand, GetMethodCommand,
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
