// Gateway responses: every type answers (customised or default), Put/Get/Update/Delete as the SDK parses them,
// AWS's refusals, and a deployed stage answering a failure with the customised response.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, CreateDeploymentCommand,
  PutGatewayResponseCommand, GetGatewayResponseCommand, GetGatewayResponsesCommand,
  UpdateGatewayResponseCommand, DeleteGatewayResponseCommand, PutMethodCommand, PutIntegrationCommand,
  NotFoundException, BadRequestException,
} from '@aws-sdk/client-api-gateway';
import { apigw, endpoint, uniqueName, assertRejectsWith, bestEffort } from './support.mjs';

const allTypes = [
  'DEFAULT_4XX', 'DEFAULT_5XX', 'RESOURCE_NOT_FOUND', 'UNAUTHORIZED', 'INVALID_API_KEY', 'ACCESS_DENIED',
  'AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR', 'INVALID_SIGNATURE', 'EXPIRED_TOKEN',
  'MISSING_AUTHENTICATION_TOKEN', 'INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT', 'API_CONFIGURATION_ERROR',
  'UNSUPPORTED_MEDIA_TYPE', 'BAD_REQUEST_PARAMETERS', 'BAD_REQUEST_BODY', 'REQUEST_TOO_LARGE', 'THROTTLED',
  'QUOTA_EXCEEDED', 'WAF_FILTERED',
];

describe('GatewayResponse lifecycle', () => {
  let api;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-gwresponses') }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('GetGatewayResponses lists all 21 types as defaults, with their status codes and the default template', async () => {
    const page = await apigw.send(new GetGatewayResponsesCommand({ restApiId: api.id }));
    assert.equal(page.$metadata.httpStatusCode, 200);
    assert.deepEqual(page.items.map(item => item.responseType).sort(), [...allTypes].sort());
    for (const item of page.items) {
      assert.equal(item.defaultResponse, true);
      assert.equal(item.responseTemplates['application/json'], '{"message":$context.error.messageString}');
    }
    const byType = Object.fromEntries(page.items.map(item => [item.responseType, item]));
    assert.equal(byType.DEFAULT_4XX.statusCode, undefined);
    assert.equal(byType.DEFAULT_5XX.statusCode, undefined);
    assert.equal(byType.THROTTLED.statusCode, '429');
    assert.equal(byType.INVALID_API_KEY.statusCode, '403');
    assert.equal(byType.INTEGRATION_TIMEOUT.statusCode, '504');
  });

  it('PutGatewayResponse answers 201 with the customisation, and GetGatewayResponse reads it back', async () => {
    const put = await apigw.send(new PutGatewayResponseCommand({
      restApiId: api.id,
      responseType: 'INVALID_API_KEY',
      statusCode: '401',
      responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      responseTemplates: { 'application/json': '{"error":$context.error.messageString}' },
    }));
    assert.equal(put.$metadata.httpStatusCode, 201);
    assert.equal(put.responseType, 'INVALID_API_KEY');
    assert.equal(put.statusCode, '401');
    assert.equal(put.defaultResponse, false);
    const got = await apigw.send(new GetGatewayResponseCommand({ restApiId: api.id, responseType: 'INVALID_API_KEY' }));
    assert.deepEqual(got.responseParameters, { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" });
    assert.equal(got.defaultResponse, false);
  });

  it('UpdateGatewayResponse patches the status code, headers and templates', async () => {
    const updated = await apigw.send(new UpdateGatewayResponseCommand({
      restApiId: api.id,
      responseType: 'INVALID_API_KEY',
      patchOperations: [
        { op: 'replace', path: '/statusCode', value: '403' },
        { op: 'add', path: '/responseParameters/gatewayresponse.header.X-Request', value: 'context.requestId' },
        { op: 'remove', path: '/responseTemplates/application~1json' },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.statusCode, '403');
    assert.equal(updated.responseParameters['gatewayresponse.header.X-Request'], 'context.requestId');
    assert.deepEqual(updated.responseTemplates, {});
  });

  it('DeleteGatewayResponse brings the default back; a second delete is a 404', async () => {
    const deleted = await apigw.send(new DeleteGatewayResponseCommand({ restApiId: api.id, responseType: 'INVALID_API_KEY' }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    const got = await apigw.send(new GetGatewayResponseCommand({ restApiId: api.id, responseType: 'INVALID_API_KEY' }));
    assert.equal(got.defaultResponse, true);
    assert.equal(got.statusCode, '403');
    await assertRejectsWith(apigw.send(new DeleteGatewayResponseCommand({ restApiId: api.id, responseType: 'INVALID_API_KEY' })),
      NotFoundException, 404);
  });

  it('refuses an unknown type, a bad status code and a header value that is not a mapping expression', async () => {
    await assertRejectsWith(apigw.send(new GetGatewayResponseCommand({ restApiId: api.id, responseType: 'NOT_A_TYPE' })),
      BadRequestException, 400, /Member must satisfy enum value set/);
    await assertRejectsWith(apigw.send(new PutGatewayResponseCommand({ restApiId: api.id, responseType: 'DEFAULT_4XX', statusCode: '700' })),
      BadRequestException, 400, /statusCode/);
    await assertRejectsWith(apigw.send(new PutGatewayResponseCommand({
      restApiId: api.id, responseType: 'DEFAULT_4XX', responseParameters: { 'gatewayresponse.header.X-Test': 'test-value' },
    })), BadRequestException, 400, /Invalid mapping expression specified/);
  });
});

describe('A deployed stage answers with the customised gateway response', () => {
  let api;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-gwresponses-invoke') }));
    await apigw.send(new PutGatewayResponseCommand({
      restApiId: api.id,
      responseType: 'MISSING_AUTHENTICATION_TOKEN',
      statusCode: '404',
      responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      responseTemplates: { 'application/json': '{"error":$context.error.messageString,"type":"$context.error.responseType"}' },
    }));
    await apigw.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await apigw.send(new PutIntegrationCommand({
      restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }));
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('an unknown route answers 404 with the header and the rendered template', async () => {
    const response = await fetch(new URL(`/restapis/${api.id}/prod/_user_request_/nowhere`, endpoint));
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(await response.text(), '{"error":"Missing Authentication Token","type":"MISSING_AUTHENTICATION_TOKEN"}');
  });
});
