// Authorizer lifecycle, how methods refer to an authorizer, and TestInvokeAuthorizer, as the SDK parses them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, GetResourcesCommand,
  CreateAuthorizerCommand, GetAuthorizerCommand, GetAuthorizersCommand,
  UpdateAuthorizerCommand, DeleteAuthorizerCommand, TestInvokeAuthorizerCommand,
  PutMethodCommand, DeleteMethodCommand,
  NotFoundException, BadRequestException, ConflictException,
} from '@aws-sdk/client-api-gateway';
import { apigw, region, functionName, uniqueName, childIdPattern, assertRejectsWith, bestEffort } from './support.mjs';

const functionArn = `arn:aws:lambda:${region}:000000000000:function:${functionName}`;
const authorizerUri = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
const userPoolArn = `arn:aws:cognito-idp:${region}:000000000000:userpool/${region}_AbCdEf123`;

describe('Authorizer lifecycle', () => {
  let api;
  let token;
  let cognito;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-authorizers') }));
    token = await apigw.send(new CreateAuthorizerCommand({
      restApiId: api.id, name: 'token-check', type: 'TOKEN', authorizerUri,
      identitySource: 'method.request.header.Authorization', identityValidationExpression: '^Bearer .+$',
      authorizerResultTtlInSeconds: 60,
    }));
    cognito = await apigw.send(new CreateAuthorizerCommand({
      restApiId: api.id, name: 'pool', type: 'COGNITO_USER_POOLS', providerARNs: [userPoolArn],
    }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('CreateAuthorizer answers 201 with the authorizer as given', () => {
    assert.equal(token.$metadata.httpStatusCode, 201);
    assert.match(token.id, childIdPattern);
    assert.deepEqual(
      { name: token.name, type: token.type, uri: token.authorizerUri, source: token.identitySource, expression: token.identityValidationExpression, ttl: token.authorizerResultTtlInSeconds },
      { name: 'token-check', type: 'TOKEN', uri: authorizerUri, source: 'method.request.header.Authorization', expression: '^Bearer .+$', ttl: 60 });
  });

  it('a Cognito authorizer gets the Authorization header and the default TTL of 300', () => {
    assert.deepEqual(cognito.providerARNs, [userPoolArn]);
    assert.equal(cognito.identitySource, 'method.request.header.Authorization');
    assert.equal(cognito.authorizerResultTtlInSeconds, 300);
  });

  it('GetAuthorizer and GetAuthorizers return them', async () => {
    const got = await apigw.send(new GetAuthorizerCommand({ restApiId: api.id, authorizerId: token.id }));
    assert.equal(got.name, 'token-check');
    const all = await apigw.send(new GetAuthorizersCommand({ restApiId: api.id }));
    assert.deepEqual(all.items.map((a) => a.name).sort(), ['pool', 'token-check']);
  });

  it('UpdateAuthorizer applies the patch paths it serves', async () => {
    const updated = await apigw.send(new UpdateAuthorizerCommand({
      restApiId: api.id, authorizerId: cognito.id,
      patchOperations: [
        { op: 'replace', path: '/name', value: 'users' },
        { op: 'replace', path: '/authorizerResultTtlInSeconds', value: '0' },
        { op: 'add', path: `/providerARNs/${userPoolArn.replaceAll('/', '~1')}2` },
      ],
    }));
    assert.equal(updated.name, 'users');
    assert.equal(updated.authorizerResultTtlInSeconds, 0);
    assert.deepEqual(updated.providerARNs, [userPoolArn, `${userPoolArn}2`]);
  });

  it('refuses a TTL over 3600 and a TOKEN source that is not a header', async () => {
    await assertRejectsWith(apigw.send(new CreateAuthorizerCommand({
      restApiId: api.id, name: 'slow', type: 'TOKEN', authorizerUri, identitySource: 'method.request.header.Authorization',
      authorizerResultTtlInSeconds: 3601,
    })), BadRequestException, 400);
    await assertRejectsWith(apigw.send(new CreateAuthorizerCommand({
      restApiId: api.id, name: 'query', type: 'TOKEN', authorizerUri, identitySource: 'method.request.querystring.token',
    })), BadRequestException, 400, /Invalid token source expression/);
  });

  it('PutMethod accepts an authorizer of the API and refuses one of the wrong kind', async () => {
    const { items } = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    const rootId = items[0].id;
    await assertRejectsWith(apigw.send(new PutMethodCommand({
      restApiId: api.id, resourceId: rootId, httpMethod: 'POST', authorizationType: 'COGNITO_USER_POOLS', authorizerId: token.id,
    })), BadRequestException, 400, /Invalid authorizer ID specified/);
    const method = await apigw.send(new PutMethodCommand({
      restApiId: api.id, resourceId: rootId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: token.id,
    }));
    assert.equal(method.authorizerId, token.id);
  });

  it('DeleteAuthorizer refuses while a method uses it, then deletes', async () => {
    await assertRejectsWith(apigw.send(new DeleteAuthorizerCommand({ restApiId: api.id, authorizerId: token.id })),
      ConflictException, 409, /is referenced in method: GET \//);
    const { items } = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    await apigw.send(new DeleteMethodCommand({ restApiId: api.id, resourceId: items[0].id, httpMethod: 'GET' }));
    const deleted = await apigw.send(new DeleteAuthorizerCommand({ restApiId: api.id, authorizerId: token.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetAuthorizerCommand({ restApiId: api.id, authorizerId: token.id })),
      NotFoundException, 404, /Invalid Authorizer identifier specified/);
  });

  it('TestInvokeAuthorizer reports 401 for a missing token and 500 for an answer that is not a decision', async () => {
    const request = await apigw.send(new CreateAuthorizerCommand({
      restApiId: api.id, name: 'request', type: 'REQUEST', authorizerUri, identitySource: 'method.request.header.x-user',
    }));
    const missing = await apigw.send(new TestInvokeAuthorizerCommand({ restApiId: api.id, authorizerId: request.id }));
    assert.equal(missing.$metadata.httpStatusCode, 200);
    assert.equal(missing.clientStatus, 401);
    assert.equal(typeof missing.log, 'string');
    assert.equal(typeof missing.latency, 'number');
    const answered = await apigw.send(new TestInvokeAuthorizerCommand({
      restApiId: api.id, authorizerId: request.id, headers: { 'x-user': 'alice' },
    }));
    assert.equal(answered.clientStatus, 500);
  });
});
