// Method and integration responses changed through their Update operations, as the cmdlets patch them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, CreateResourceCommand, PutMethodCommand, PutIntegrationCommand,
  PutMethodResponseCommand, UpdateMethodResponseCommand, GetMethodResponseCommand,
  PutIntegrationResponseCommand, UpdateIntegrationResponseCommand, GetIntegrationResponseCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import { apigw, uniqueName, assertRejectsWith, bestEffort } from './support.mjs';

let restApiId;
let resourceId;
const key = () => ({ restApiId, resourceId, httpMethod: 'GET' });

before(async () => {
  const api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-responses') }));
  restApiId = api.id;
  resourceId = (await apigw.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'pets' }))).id;
  await apigw.send(new PutMethodCommand({ ...key(), authorizationType: 'NONE' }));
  await apigw.send(new PutIntegrationCommand({ ...key(), type: 'HTTP', integrationHttpMethod: 'GET', uri: 'http://example.com/pets' }));
  await apigw.send(new PutMethodResponseCommand({ ...key(), statusCode: '404' }));
  await apigw.send(new PutIntegrationResponseCommand({ ...key(), statusCode: '404', selectionPattern: '404' }));
});
after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId }))));

describe('method responses', () => {
  it('UpdateMethodResponse adds and replaces headers and models, escaped paths included', async () => {
    const added = await apigw.send(new UpdateMethodResponseCommand({
      ...key(), statusCode: '404',
      patchOperations: [
        { op: 'add', path: '/responseParameters/method.response.header.X-Request-Id', value: 'false' },
        { op: 'add', path: '/responseModels/application~1json', value: 'Error' },
      ],
    }));
    assert.equal(added.$metadata.httpStatusCode, 200);
    assert.equal(added.statusCode, '404');
    assert.equal(added.responseParameters['method.response.header.X-Request-Id'], false);
    assert.equal(added.responseModels['application/json'], 'Error');

    await apigw.send(new UpdateMethodResponseCommand({
      ...key(), statusCode: '404',
      patchOperations: [{ op: 'replace', path: '/responseParameters/method.response.header.X-Request-Id', value: 'true' }],
    }));
    const got = await apigw.send(new GetMethodResponseCommand({ ...key(), statusCode: '404' }));
    assert.equal(got.responseParameters['method.response.header.X-Request-Id'], true);
  });

  it('UpdateMethodResponse of a status the method does not declare is a NotFoundException', async () => {
    await assertRejectsWith(apigw.send(new UpdateMethodResponseCommand({
      ...key(), statusCode: '418', patchOperations: [{ op: 'add', path: '/responseModels/application~1json', value: 'Empty' }],
    })), NotFoundException, 404);
  });
});

describe('integration responses', () => {
  it('UpdateIntegrationResponse replaces the pattern and adds mappings, templates and content handling', async () => {
    const updated = await apigw.send(new UpdateIntegrationResponseCommand({
      ...key(), statusCode: '404',
      patchOperations: [
        { op: 'replace', path: '/selectionPattern', value: '40[04]' },
        { op: 'add', path: '/responseParameters/method.response.header.X-Request-Id', value: 'integration.response.header.X-Request-Id' },
        { op: 'add', path: '/responseTemplates/application~1json', value: '{"message": "not found"}' },
        { op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT' },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.selectionPattern, '40[04]');
    assert.equal(updated.responseParameters['method.response.header.X-Request-Id'], 'integration.response.header.X-Request-Id');
    assert.equal(updated.responseTemplates['application/json'], '{"message": "not found"}');
    assert.equal(updated.contentHandling, 'CONVERT_TO_TEXT');

    const got = await apigw.send(new GetIntegrationResponseCommand({ ...key(), statusCode: '404' }));
    assert.equal(got.selectionPattern, '40[04]');
  });

  it('PutIntegrationResponse takes contentHandling', async () => {
    const put = await apigw.send(new PutIntegrationResponseCommand({ ...key(), statusCode: '404', selectionPattern: '404', contentHandling: 'CONVERT_TO_BINARY' }));
    assert.equal(put.contentHandling, 'CONVERT_TO_BINARY');
  });
});
