// A stage's practices (canary, access log, cache, method settings) and the REST API's settings, through the
// SDK's own commands, read back with GetStage and GetRestApi.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, GetRestApiCommand, UpdateRestApiCommand,
  CreateResourceCommand, PutMethodCommand, PutIntegrationCommand,
  CreateDeploymentCommand, DeleteDeploymentCommand, GetDeploymentCommand,
  CreateStageCommand, GetStageCommand, UpdateStageCommand, DeleteStageCommand, FlushStageCacheCommand,
  NotFoundException, BadRequestException,
} from '@aws-sdk/client-api-gateway';
import { apigw, uniqueName, assertRejectsWith, bestEffort } from './support.mjs';

let restApiId;

before(async () => {
  const api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-stage-settings') }));
  restApiId = api.id;
  const resource = await apigw.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'pets' }));
  await apigw.send(new PutMethodCommand({ restApiId, resourceId: resource.id, httpMethod: 'GET', authorizationType: 'NONE' }));
  await apigw.send(new PutIntegrationCommand({
    restApiId, resourceId: resource.id, httpMethod: 'GET', type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
  }));
});
after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId }))));

const update = (stageName, ...patchOperations) => apigw.send(new UpdateStageCommand({ restApiId, stageName, patchOperations }));
const getStage = (stageName) => apigw.send(new GetStageCommand({ restApiId, stageName }));

/** A stage of its own on a fresh deployment, so each test starts from a stage without settings. */
async function freshStage(prefix) {
  const stageName = `${prefix}${Math.random().toString(36).slice(2, 8)}`;
  const { id: deploymentId } = await apigw.send(new CreateDeploymentCommand({ restApiId, stageName, variables: { color: 'blue' } }));
  return { stageName, deploymentId };
}

describe('canary releases', () => {
  it('CreateDeployment with canarySettings deploys to the canary of the existing stage', async () => {
    const { stageName, deploymentId } = await freshStage('canary');
    const canary = await apigw.send(new CreateDeploymentCommand({
      restApiId, stageName,
      canarySettings: { percentTraffic: 10.5, stageVariableOverrides: { color: 'green' }, useStageCache: false },
    }));
    assert.equal(canary.$metadata.httpStatusCode, 201);

    const stage = await getStage(stageName);
    assert.equal(stage.deploymentId, deploymentId, 'the stage keeps its deployment');
    assert.deepEqual(stage.canarySettings, {
      deploymentId: canary.id, percentTraffic: 10.5, stageVariableOverrides: { color: 'green' }, useStageCache: false,
    });
    assert.deepEqual(stage.variables, { color: 'blue' });
  });

  it('CreateDeployment with canarySettings needs a stage name and a stage that exists', async () => {
    await assertRejectsWith(apigw.send(new CreateDeploymentCommand({ restApiId, canarySettings: { percentTraffic: 5 } })),
      BadRequestException, 400,
      /^Invalid deployment content specified\.Non null and non empty stageName must be provided for canary deployment\. Provided value is null$/);
    await assertRejectsWith(apigw.send(new CreateDeploymentCommand({ restApiId, stageName: 'nosuch', canarySettings: { percentTraffic: 5 } })),
      BadRequestException, 400,
      /^Invalid deployment content specified\.Stage nosuch must already be created before making a canary release deployment$/);
  });

  it('CreateStage takes canarySettings; an unknown canary deployment is refused', async () => {
    const { deploymentId } = await freshStage('base');
    const stageName = `withcanary${Math.random().toString(36).slice(2, 8)}`;
    const created = await apigw.send(new CreateStageCommand({
      restApiId, stageName, deploymentId, canarySettings: { deploymentId, percentTraffic: 40, stageVariableOverrides: { color: 'red' } },
    }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.deepEqual(created.canarySettings, { deploymentId, percentTraffic: 40, stageVariableOverrides: { color: 'red' }, useStageCache: false });

    await assertRejectsWith(apigw.send(new CreateStageCommand({
      restApiId, stageName: `${stageName}x`, deploymentId, canarySettings: { deploymentId: 'nope00' },
    })), BadRequestException, 400, /^Deployment id does not exist$/);
  });

  it('UpdateStage sets every canary path, promotes as AWS documents and removes the canary', async () => {
    const { stageName } = await freshStage('promote');
    const { id: next } = await apigw.send(new CreateDeploymentCommand({ restApiId }));

    const started = await update(stageName,
      { op: 'replace', path: '/canarySettings/deploymentId', value: next },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '25.5' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/color', value: 'green' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/extra', value: 'x' },
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' });
    assert.deepEqual(started.canarySettings, {
      deploymentId: next, percentTraffic: 25.5, stageVariableOverrides: { color: 'green', extra: 'x' }, useStageCache: true,
    });

    const trimmed = await update(stageName, { op: 'remove', path: '/canarySettings/stageVariableOverrides/extra' });
    assert.deepEqual(trimmed.canarySettings.stageVariableOverrides, { color: 'green' });

    const promoted = await update(stageName,
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' });
    assert.equal(promoted.deploymentId, next);
    assert.deepEqual(promoted.variables, { color: 'green' });
    assert.equal(promoted.canarySettings.percentTraffic, 0, 'promotion leaves the canary in place at 0%');

    const removed = await update(stageName, { op: 'remove', path: '/canarySettings' });
    assert.equal(removed.canarySettings, undefined);
    assert.equal((await getStage(stageName)).canarySettings, undefined);
  });

  it('UpdateStage answers the canary paths it refuses as AWS does', async () => {
    const { stageName } = await freshStage('refuse');
    await assertRejectsWith(update(stageName, { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }),
      BadRequestException, 400, /^Promotion not available\. Canary does not exist\.$/);
    await assertRejectsWith(update(stageName, { op: 'add', path: '/canarySettings/deploymentId', value: 'abc123' }),
      BadRequestException, 400, /^Invalid add operation with path: \/canarySettings\/deploymentId$/);
    await assertRejectsWith(update(stageName, { op: 'replace', path: '/canarySettings/deploymentId', value: 'nope00' }),
      BadRequestException, 400, /^Deployment id does not exist$/);
    await assertRejectsWith(update(stageName, { op: 'replace', path: '/canarySettings/badPath', value: 'x' }),
      BadRequestException, 400, /^Invalid method setting path: \/canarySettings\/badPath\. Must be one of: \[\/deploymentId, /);
    await assertRejectsWith(update(stageName, { op: 'copy', from: '/variables', path: '/canarySettings/stageVariableOverrides' }),
      BadRequestException, 400, /^Invalid copy operation with path: \/canarySettings\/stageVariableOverrides and from \/variables\./);
    await assertRejectsWith(update(stageName, { op: 'replace', path: '/canarySettings/percentTraffic', value: '101' }),
      BadRequestException, 400);
    assert.equal((await getStage(stageName)).canarySettings, undefined, 'nothing was applied');
  });
});

describe('access log, cache and method settings', () => {
  it('UpdateStage sets and removes accessLogSettings', async () => {
    const { stageName } = await freshStage('logs');
    const destinationArn = 'arn:aws:logs:us-east-1:123456789012:log-group:api-access';
    const format = '{"requestId":"$context.requestId","status":"$context.status"}';
    const set = await update(stageName,
      { op: 'replace', path: '/accessLogSettings/format', value: format },
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: destinationArn });
    assert.deepEqual(set.accessLogSettings, { format, destinationArn });
    assert.deepEqual((await getStage(stageName)).accessLogSettings, { format, destinationArn });

    await assertRejectsWith(update(stageName, { op: 'replace', path: '/accessLogSettings/format', value: '$context.status' }),
      BadRequestException, 400, /^Access Log format must include either \$context\.requestId or \$context\.extendedRequestId/);
    await assertRejectsWith(update(stageName, { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'not-an-arn' }),
      BadRequestException, 400);

    const removed = await update(stageName, { op: 'remove', path: '/accessLogSettings' });
    assert.equal(removed.accessLogSettings, undefined);
  });

  it('UpdateStage turns the cache cluster on and resizes it; FlushStageCache answers 202', async () => {
    const { stageName } = await freshStage('cache');
    const on = await update(stageName, { op: 'replace', path: '/cacheClusterEnabled', value: 'true' });
    assert.equal(on.cacheClusterEnabled, true);
    assert.equal(on.cacheClusterSize, '0.5');
    assert.equal(on.cacheClusterStatus, 'AVAILABLE');
    const resized = await update(stageName, { op: 'replace', path: '/cacheClusterSize', value: '6.1' });
    assert.equal(resized.cacheClusterSize, '6.1');

    const flushed = await apigw.send(new FlushStageCacheCommand({ restApiId, stageName }));
    assert.equal(flushed.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new FlushStageCacheCommand({ restApiId, stageName: 'nosuchstage' })), NotFoundException, 404);
    await assertRejectsWith(update(stageName, { op: 'replace', path: '/cacheClusterSize', value: '2.0' }), BadRequestException, 400);
  });

  it('UpdateStage sets every method setting for all methods and for one, read back typed', async () => {
    const { stageName } = await freshStage('methods');
    const stage = await update(stageName,
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '50' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
      { op: 'replace', path: '/*/*/logging/dataTrace', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/enabled', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/ttlInSeconds', value: '3600' },
      { op: 'replace', path: '/~1pets/GET/caching/dataEncrypted', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/requireAuthorizationForCacheControl', value: 'false' },
      { op: 'replace', path: '/~1pets/GET/caching/unauthorizedCacheControlHeaderStrategy', value: 'FAIL_WITH_403' },
      { op: 'replace', path: '/tracingEnabled', value: 'true' });
    const all = stage.methodSettings['*/*'];
    assert.equal(all.throttlingRateLimit, 100);
    assert.equal(all.throttlingBurstLimit, 50);
    assert.equal(all.metricsEnabled, true);
    assert.equal(all.loggingLevel, 'INFO');
    assert.equal(all.dataTraceEnabled, true);
    const pets = stage.methodSettings['~1pets/GET'];
    assert.equal(pets.cachingEnabled, true);
    assert.equal(pets.cacheTtlInSeconds, 3600);
    assert.equal(pets.cacheDataEncrypted, true);
    assert.equal(pets.requireAuthorizationForCacheControl, false);
    assert.equal(pets.unauthorizedCacheControlHeaderStrategy, 'FAIL_WITH_403');
    assert.equal(stage.tracingEnabled, true);

    const removed = await update(stageName, { op: 'remove', path: '/~1pets/GET' });
    assert.equal(removed.methodSettings['~1pets/GET'], undefined);
  });

  for (const [path, value] of [
    ['/*/*/caching/ttlInSeconds', '3601'],
    ['/*/*/throttling/rateLimit', '-1'],
    ['/*/*/throttling/burstLimit', '-1'],
    ['/*/*/logging/loglevel', 'DEBUG'],
    ['/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'IGNORE'],
  ]) {
    it(`UpdateStage refuses ${path} = ${value}`, async () => {
      const { stageName } = await freshStage('bad');
      await assertRejectsWith(update(stageName, { op: 'replace', path, value }), BadRequestException, 400);
      assert.deepEqual((await getStage(stageName)).methodSettings, {});
    });
  }

  it('an unknown method setting is refused with the settings AWS lists', async () => {
    const { stageName } = await freshStage('unknown');
    await assertRejectsWith(update(stageName, { op: 'replace', path: '/*/*/caching/ttl', value: '5' }),
      BadRequestException, 400, /^Invalid method setting path: caching\/ttl\. Must be one of: \[/);
  });
});

describe('rollback and deletion', () => {
  it('UpdateStage points the stage back at an earlier deployment', async () => {
    const { stageName, deploymentId: first } = await freshStage('rollback');
    const { id: second } = await apigw.send(new CreateDeploymentCommand({ restApiId, stageName }));
    assert.equal((await getStage(stageName)).deploymentId, second);
    const rolledBack = await update(stageName, { op: 'replace', path: '/deploymentId', value: first });
    assert.equal(rolledBack.deploymentId, first);
  });

  it('DeleteDeployment refuses a deployment a stage or its canary uses, with AWS\'s message', async () => {
    const { stageName, deploymentId } = await freshStage('pinned');
    const { id: canaryId } = await apigw.send(new CreateDeploymentCommand({ restApiId, stageName, canarySettings: { percentTraffic: 5 } }));
    for (const id of [deploymentId, canaryId]) {
      await assertRejectsWith(apigw.send(new DeleteDeploymentCommand({ restApiId, deploymentId: id })),
        BadRequestException, 400, /^Active stages pointing to this deployment must be moved or deleted$/);
    }
    await update(stageName, { op: 'remove', path: '/canarySettings' });
    const deleted = await apigw.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canaryId }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);

    await apigw.send(new DeleteStageCommand({ restApiId, stageName }));
    await assertRejectsWith(getStage(stageName), NotFoundException, 404);
    await apigw.send(new DeleteDeploymentCommand({ restApiId, deploymentId }));
    await assertRejectsWith(apigw.send(new GetDeploymentCommand({ restApiId, deploymentId })), NotFoundException, 404);
  });
});

describe('REST API settings', () => {
  it('UpdateRestApi serves every setting path and GetRestApi reports it', async () => {
    const updated = await apigw.send(new UpdateRestApiCommand({
      restApiId,
      patchOperations: [
        { op: 'replace', path: '/name', value: uniqueName('renamed') },
        { op: 'replace', path: '/description', value: 'settings under test' },
        { op: 'add', path: '/binaryMediaTypes/image~1png' },
        { op: 'add', path: '/binaryMediaTypes/application~1octet-stream' },
        { op: 'remove', path: '/binaryMediaTypes/image~1png' },
        { op: 'replace', path: '/minimumCompressionSize', value: '1024' },
        { op: 'replace', path: '/apiKeySource', value: 'AUTHORIZER' },
        { op: 'replace', path: '/disableExecuteApiEndpoint', value: 'true' },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    const api = await apigw.send(new GetRestApiCommand({ restApiId }));
    assert.equal(api.description, 'settings under test');
    assert.deepEqual(api.binaryMediaTypes, ['application/octet-stream']);
    assert.equal(api.minimumCompressionSize, 1024);
    assert.equal(api.apiKeySource, 'AUTHORIZER');
    assert.equal(api.disableExecuteApiEndpoint, true);

    const cleared = await apigw.send(new UpdateRestApiCommand({
      restApiId,
      patchOperations: [
        { op: 'replace', path: '/minimumCompressionSize', value: '' },
        { op: 'replace', path: '/apiKeySource', value: 'HEADER' },
        { op: 'replace', path: '/disableExecuteApiEndpoint', value: 'false' },
      ],
    }));
    assert.equal(cleared.minimumCompressionSize, undefined);
    assert.equal(cleared.apiKeySource, 'HEADER');
    assert.equal(cleared.disableExecuteApiEndpoint, false);
  });

  for (const [path, value] of [['/minimumCompressionSize', '10485761'], ['/apiKeySource', 'QUERY']]) {
    it(`UpdateRestApi refuses ${path} = ${value}`, async () => {
      await assertRejectsWith(apigw.send(new UpdateRestApiCommand({ restApiId, patchOperations: [{ op: 'replace', path, value }] })),
        BadRequestException, 400);
    });
  }
});
