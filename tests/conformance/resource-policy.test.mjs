// A REST API's resource policy through CreateRestApi, GetRestApi and UpdateRestApi: what the SDK reads back, and
// the 400 for a document API Gateway cannot use.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, GetRestApiCommand, GetRestApisCommand, UpdateRestApiCommand, DeleteRestApiCommand,
  BadRequestException,
} from '@aws-sdk/client-api-gateway';
import { apigw, region, uniqueName, assertRejectsWith, bestEffort } from './support.mjs';

const invalidPolicy = /^Invalid policy document\. Please check the policy syntax and ensure that Principals are valid\.$/;

/** GetRestApi's policy is the document with its quotes and slashes escaped inside the string, as AWS returns it. */
function readPolicy(stored) {
  assert.equal(typeof stored, 'string');
  assert.ok(stored.startsWith('{\\"Version\\":'), `the policy should come back escaped, got ${stored.slice(0, 40)}`);
  return JSON.parse(stored.replace(/\\(.)/g, '$1'));
}

function allowFrom(range) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { NotIpAddress: { 'aws:SourceIp': [range] } } },
    ],
  });
}

describe('Resource policy of a REST API', () => {
  let api;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-policy'), policy: allowFrom('203.0.113.0/24') }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('CreateRestApi keeps the policy with execute-api:/ resources completed to the API\'s ARN', async () => {
    assert.equal(api.$metadata.httpStatusCode, 201);
    const policy = readPolicy(api.policy);
    assert.equal(policy.Version, '2012-10-17');
    assert.equal(policy.Statement.length, 2);
    const account = policy.Statement[0].Resource.split(':')[4];
    assert.match(account, /^[0-9]{12}$/);
    assert.equal(policy.Statement[0].Resource, `arn:aws:execute-api:${region}:${account}:${api.id}/*`);
    assert.deepEqual(policy.Statement[1].Condition, { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } });
  });

  it('GetRestApi and GetRestApis return the same policy string', async () => {
    const got = await apigw.send(new GetRestApiCommand({ restApiId: api.id }));
    assert.equal(got.policy, api.policy);
    const listed = await apigw.send(new GetRestApisCommand({ limit: 500 }));
    assert.equal(listed.items.find((item) => item.id === api.id).policy, api.policy);
  });

  it('UpdateRestApi replace /policy sets a new document, and an empty value removes it', async () => {
    const updated = await apigw.send(new UpdateRestApiCommand({
      restApiId: api.id,
      patchOperations: [{ op: 'replace', path: '/policy', value: allowFrom('198.51.100.0/24') }],
    }));
    assert.deepEqual(readPolicy(updated.policy).Statement[1].Condition.NotIpAddress['aws:SourceIp'], ['198.51.100.0/24']);

    const cleared = await apigw.send(new UpdateRestApiCommand({
      restApiId: api.id,
      patchOperations: [{ op: 'replace', path: '/policy', value: '' }],
    }));
    assert.equal(cleared.policy, undefined);
  });

  it('a document that is not a policy is a BadRequestException, on create and on update, and changes nothing', async () => {
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] });
    await assertRejectsWith(apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-policy-bad'), policy: 'not json' })),
      BadRequestException, 400, invalidPolicy);
    await assertRejectsWith(apigw.send(new UpdateRestApiCommand({
      restApiId: api.id,
      patchOperations: [{ op: 'replace', path: '/policy', value: noPrincipal }],
    })), BadRequestException, 400, invalidPolicy);
    const got = await apigw.send(new GetRestApiCommand({ restApiId: api.id }));
    assert.equal(got.policy, undefined);
  });
});
