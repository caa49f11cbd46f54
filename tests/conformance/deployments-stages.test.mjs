// Deployments, stages and tags of one API that has a method to deploy.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, CreateResourceCommand, PutMethodCommand, PutIntegrationCommand,
  CreateDeploymentCommand, GetDeploymentsCommand, GetDeploymentCommand, DeleteDeploymentCommand,
  CreateStageCommand, GetStagesCommand, GetStageCommand, UpdateStageCommand, DeleteStageCommand,
  TagResourceCommand, GetTagsCommand, UntagResourceCommand,
  NotFoundException, ConflictException, BadRequestException,
} from '@aws-sdk/client-api-gateway';
import { apigw, region, uniqueName, childIdPattern, assertRecentDate, assertRejectsWith, bestEffort } from './support.mjs';

let restApiId;

before(async () => {
  const api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-deploy') }));
  restApiId = api.id;
  const resource = await apigw.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'ping' }));
  await apigw.send(new PutMethodCommand({ restApiId, resourceId: resource.id, httpMethod: 'GET', authorizationType: 'NONE' }));
  await apigw.send(new PutIntegrationCommand({
    restApiId, resourceId: resource.id, httpMethod: 'GET', type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
  }));
});
after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId }))));

describe('deployments', () => {
  it('CreateDeployment on an API without methods is BadRequestException', async () => {
    const empty = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-empty') }));
    try {
      await assertRejectsWith(apigw.send(new CreateDeploymentCommand({ restApiId: empty.id })), BadRequestException, 400);
    } finally {
      await bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: empty.id })));
    }
  });

  it('CreateDeployment answers 201; GetDeployment and GetDeployments find it', async () => {
    const deployment = await apigw.send(new CreateDeploymentCommand({ restApiId, description: 'first' }));
    assert.equal(deployment.$metadata.httpStatusCode, 201);
    assert.equal(typeof deployment.id, 'string');
    assert.equal(deployment.description, 'first');
    assertRecentDate(deployment.createdDate, 'createdDate');

    const got = await apigw.send(new GetDeploymentCommand({ restApiId, deploymentId: deployment.id }));
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.equal(got.id, deployment.id);
    assert.equal(got.description, 'first');
    assert.equal(got.createdDate.getTime(), deployment.createdDate.getTime());

    const { items } = await apigw.send(new GetDeploymentsCommand({ restApiId }));
    const listed = items.find((d) => d.id === deployment.id);
    assert.ok(listed, 'the deployment is listed');
    assertRecentDate(listed.createdDate, 'items[].createdDate');
  });

  it('a deployment id has the 6 lowercase alphanumerics AWS uses', async () => {
    const deployment = await apigw.send(new CreateDeploymentCommand({ restApiId }));
    assert.match(deployment.id, childIdPattern);
  });

  it('CreateDeployment with a stage name creates that stage', async () => {
    const deployment = await apigw.send(new CreateDeploymentCommand({
      restApiId, stageName: 'beta', stageDescription: 'beta stage', variables: { tier: 'beta' },
    }));
    const stage = await apigw.send(new GetStageCommand({ restApiId, stageName: 'beta' }));
    assert.equal(stage.deploymentId, deployment.id);
    assert.deepEqual(stage.variables, { tier: 'beta' });
  });

  it('DeleteDeployment refuses while a stage points at it, then answers 202', async () => {
    const deployment = await apigw.send(new CreateDeploymentCommand({ restApiId }));
    await apigw.send(new CreateStageCommand({ restApiId, stageName: 'pinned', deploymentId: deployment.id }));
    await assertRejectsWith(apigw.send(new DeleteDeploymentCommand({ restApiId, deploymentId: deployment.id })),
      BadRequestException, 400);
    await apigw.send(new DeleteStageCommand({ restApiId, stageName: 'pinned' }));
    const deleted = await apigw.send(new DeleteDeploymentCommand({ restApiId, deploymentId: deployment.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetDeploymentCommand({ restApiId, deploymentId: deployment.id })),
      NotFoundException, 404);
  });

  it('GetDeployment of an unknown id is NotFoundException', async () => {
    await assertRejectsWith(apigw.send(new GetDeploymentCommand({ restApiId, deploymentId: 'nope00' })), NotFoundException, 404);
  });
});

describe('stages', () => {
  let deploymentId;
  let created;

  before(async () => {
    ({ id: deploymentId } = await apigw.send(new CreateDeploymentCommand({ restApiId, description: 'for stages' })));
    created = await apigw.send(new CreateStageCommand({
      restApiId, stageName: 'dev', deploymentId, description: 'development',
      variables: { env: 'dev', color: 'blue' },
    }));
  });

  it('CreateStage answers 201 with the stage and AWS defaults', () => {
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.stageName, 'dev');
    assert.equal(created.deploymentId, deploymentId);
    assert.equal(created.description, 'development');
    assert.deepEqual(created.variables, { env: 'dev', color: 'blue' });
    assert.equal(created.cacheClusterEnabled, false);
    assert.equal(created.cacheClusterStatus, 'NOT_AVAILABLE');
    assert.equal(created.tracingEnabled, false);
    assertRecentDate(created.createdDate, 'createdDate');
    assertRecentDate(created.lastUpdatedDate, 'lastUpdatedDate');
  });

  it('CreateStage with a name already taken is ConflictException', async () => {
    await assertRejectsWith(apigw.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId })),
      ConflictException, 409);
  });

  it('CreateStage with an invalid name is BadRequestException', async () => {
    await assertRejectsWith(apigw.send(new CreateStageCommand({ restApiId, stageName: 'bad stage!', deploymentId })),
      BadRequestException, 400);
  });

  it('GetStage and GetStages read the stage back', async () => {
    const got = await apigw.send(new GetStageCommand({ restApiId, stageName: 'dev' }));
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.equal(got.deploymentId, deploymentId);
    assert.deepEqual(got.variables, { env: 'dev', color: 'blue' });

    const stages = await apigw.send(new GetStagesCommand({ restApiId }));
    assert.ok(Array.isArray(stages.item), 'GetStages answers {"item": [...]}');
    const listed = stages.item.find((s) => s.stageName === 'dev');
    assert.ok(listed, 'dev is listed');
    assertRecentDate(listed.createdDate, 'item[].createdDate');

    const filtered = await apigw.send(new GetStagesCommand({ restApiId, deploymentId }));
    assert.deepEqual(filtered.item.map((s) => s.stageName), ['dev']);
  });

  it('UpdateStage patches variables, description and method throttling', async () => {
    const updated = await apigw.send(new UpdateStageCommand({
      restApiId, stageName: 'dev',
      patchOperations: [
        { op: 'replace', path: '/variables/env', value: 'test' },
        { op: 'remove', path: '/variables/color' },
        { op: 'replace', path: '/description', value: 'patched' },
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
        { op: 'replace', path: '/*/*/throttling/burstLimit', value: '50' },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.deepEqual(updated.variables, { env: 'test' });
    assert.equal(updated.description, 'patched');
    const settings = updated.methodSettings?.['*/*'];
    assert.ok(settings, 'method settings for */* exist');
    assert.equal(settings.throttlingRateLimit, 100);
    assert.equal(settings.throttlingBurstLimit, 50);
    assertRecentDate(updated.lastUpdatedDate, 'lastUpdatedDate');
  });

  it('GetStage of an unknown stage is NotFoundException', async () => {
    await assertRejectsWith(apigw.send(new GetStageCommand({ restApiId, stageName: 'nosuchstage' })), NotFoundException, 404);
  });

  it('DeleteStage answers 202 and the stage is gone', async () => {
    await apigw.send(new CreateStageCommand({ restApiId, stageName: 'scratch', deploymentId }));
    const deleted = await apigw.send(new DeleteStageCommand({ restApiId, stageName: 'scratch' }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetStageCommand({ restApiId, stageName: 'scratch' })), NotFoundException, 404);
  });
});

describe('tags', () => {
  it('TagResource, GetTags and UntagResource on a stage', async () => {
    const { id: deploymentId } = await apigw.send(new CreateDeploymentCommand({ restApiId }));
    await apigw.send(new CreateStageCommand({ restApiId, stageName: 'tagged', deploymentId, tags: { owner: 'qa' } }));
    const resourceArn = `arn:aws:apigateway:${region}::/restapis/${restApiId}/stages/tagged`;

    const tagged = await apigw.send(new TagResourceCommand({ resourceArn, tags: { env: 'test', team: 'core' } }));
    assert.equal(tagged.$metadata.httpStatusCode, 204);
    const afterTag = await apigw.send(new GetTagsCommand({ resourceArn }));
    assert.equal(afterTag.$metadata.httpStatusCode, 200);
    assert.deepEqual(afterTag.tags, { owner: 'qa', env: 'test', team: 'core' });

    const untagged = await apigw.send(new UntagResourceCommand({ resourceArn, tagKeys: ['env', 'owner'] }));
    assert.equal(untagged.$metadata.httpStatusCode, 204);
    const afterUntag = await apigw.send(new GetTagsCommand({ resourceArn }));
    assert.deepEqual(afterUntag.tags, { team: 'core' });
  });

  it('tags on the REST API itself', async () => {
    const resourceArn = `arn:aws:apigateway:${region}::/restapis/${restApiId}`;
    await apigw.send(new TagResourceCommand({ resourceArn, tags: { cost: 'center-1' } }));
    const { tags } = await apigw.send(new GetTagsCommand({ resourceArn }));
    assert.equal(tags.cost, 'center-1');
    await apigw.send(new UntagResourceCommand({ resourceArn, tagKeys: ['cost'] }));
    const after = await apigw.send(new GetTagsCommand({ resourceArn }));
    assert.equal(after.tags?.cost, undefined);
  });
});
