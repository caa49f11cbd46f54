// The Lambda API for the local function the runner registered: lookup, listing and its resource policy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetFunctionCommand, ListFunctionsCommand, AddPermissionCommand, GetPolicyCommand, RemovePermissionCommand,
  InvokeCommand, ResourceNotFoundException, ResourceConflictException, InvalidRequestContentException,
} from '@aws-sdk/client-lambda';
import { lambda, functionName, region, uniqueName, assertRejectsWith } from './support.mjs';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const functionArnPattern = new RegExp(`^arn:aws:lambda:${region}:\\d{12}:function:${escapeRegExp(functionName)}$`);

async function functionArn() {
  const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
  return Configuration.FunctionArn;
}

describe('functions', () => {
  it('GetFunction by name returns the configuration', async () => {
    const result = await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
    assert.equal(result.$metadata.httpStatusCode, 200);
    assert.equal(typeof result.$metadata.requestId, 'string', 'x-amzn-RequestId is sent');
    const config = result.Configuration;
    assert.equal(config.FunctionName, functionName);
    assert.match(config.FunctionArn, functionArnPattern);
    assert.equal(typeof config.Runtime, 'string');
    assert.equal(typeof config.LastModified, 'string', 'Lambda sends LastModified as a string');
    assert.ok(!Number.isNaN(Date.parse(config.LastModified)), `LastModified "${config.LastModified}" parses as a date`);
  });

  it('GetFunction by full ARN returns the same function', async () => {
    const arn = await functionArn();
    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: arn }));
    assert.equal(Configuration.FunctionName, functionName);
    assert.equal(Configuration.FunctionArn, arn);
  });

  it('GetFunction of an unknown function is ResourceNotFoundException', async () => {
    const missing = uniqueName('no-such-function');
    await assertRejectsWith(lambda.send(new GetFunctionCommand({ FunctionName: missing })), ResourceNotFoundException, 404,
      new RegExp(`Function not found: arn:aws:lambda:${region}:\\d{12}:function:${missing}`));
  });

  it('ListFunctions includes the function', async () => {
    const result = await lambda.send(new ListFunctionsCommand({}));
    assert.equal(result.$metadata.httpStatusCode, 200);
    assert.ok(Array.isArray(result.Functions));
    const listed = result.Functions.find((f) => f.FunctionName === functionName);
    assert.ok(listed, `${functionName} is listed`);
    assert.match(listed.FunctionArn, functionArnPattern);
  });
});

describe('resource policy', () => {
  const sourceArn = `arn:aws:execute-api:${region}:000000000000:abcdef1234/*/GET/pets`;

  it('AddPermission, GetPolicy and RemovePermission round-trip a scoped statement', async () => {
    const statementId = uniqueName('apigw-invoke');
    const arn = await functionArn();

    const added = await lambda.send(new AddPermissionCommand({
      FunctionName: functionName,
      StatementId: statementId,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sourceArn,
    }));
    assert.equal(added.$metadata.httpStatusCode, 201);
    assert.equal(typeof added.Statement, 'string', 'Statement is a JSON document in a string');
    const statement = JSON.parse(added.Statement);
    assert.equal(statement.Sid, statementId);
    assert.equal(statement.Effect, 'Allow');
    assert.deepEqual(statement.Principal, { Service: 'apigateway.amazonaws.com' });
    assert.equal(statement.Action, 'lambda:InvokeFunction');
    assert.equal(statement.Resource, arn);
    assert.deepEqual(statement.Condition, { ArnLike: { 'AWS:SourceArn': sourceArn } });

    const policyResult = await lambda.send(new GetPolicyCommand({ FunctionName: functionName }));
    assert.equal(policyResult.$metadata.httpStatusCode, 200);
    assert.equal(typeof policyResult.Policy, 'string');
    assert.equal(typeof policyResult.RevisionId, 'string');
    const policy = JSON.parse(policyResult.Policy);
    assert.equal(policy.Version, '2012-10-17');
    assert.ok(Array.isArray(policy.Statement));
    assert.deepEqual(policy.Statement.find((s) => s.Sid === statementId), statement);

    const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: functionName, StatementId: statementId }));
    assert.equal(removed.$metadata.httpStatusCode, 204);
  });

  it('a statement id that already exists is ResourceConflictException', async () => {
    const statementId = uniqueName('dup');
    const request = {
      FunctionName: functionName, StatementId: statementId, Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com', SourceArn: sourceArn,
    };
    await lambda.send(new AddPermissionCommand(request));
    try {
      await assertRejectsWith(lambda.send(new AddPermissionCommand(request)), ResourceConflictException, 409);
    } finally {
      await lambda.send(new RemovePermissionCommand({ FunctionName: functionName, StatementId: statementId }));
    }
  });

  it('RemovePermission of an unknown statement is ResourceNotFoundException', async () => {
    await assertRejectsWith(lambda.send(new RemovePermissionCommand({ FunctionName: functionName, StatementId: 'never-added' })),
      ResourceNotFoundException, 404);
  });

  it('GetPolicy of a function with no statements is ResourceNotFoundException', async () => {
    await assertRejectsWith(lambda.send(new GetPolicyCommand({ FunctionName: functionName })), ResourceNotFoundException, 404);
  });

  it('AddPermission on an unknown function is ResourceNotFoundException', async () => {
    await assertRejectsWith(lambda.send(new AddPermissionCommand({
      FunctionName: uniqueName('no-such-function'), StatementId: 'x', Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
    })), ResourceNotFoundException, 404);
  });

  it('Lambda errors carry the service\'s Type field', async () => {
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: uniqueName('missing') })), (error) => {
      assert.equal(error.Type, 'User');
      return true;
    });
  });
});

describe('invoke', () => {
  it('Invoke answers the function\'s payload with the executed version', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify({ path: '/conformance' }) }));
    assert.equal(result.StatusCode, 200);
    assert.equal(result.ExecutedVersion, '$LATEST');
    assert.equal(result.FunctionError, undefined);
    assert.deepEqual(JSON.parse(Buffer.from(result.Payload).toString('utf8')), { statusCode: 200, body: 'conformance' });
  });

  it('Invoke with LogType Tail returns the invocation\'s log, base64, in LogResult', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: functionName, LogType: 'Tail' }));
    const log = Buffer.from(result.LogResult, 'base64').toString('utf8');
    assert.match(log, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    assert.match(log, /\nREPORT RequestId: [0-9a-f-]{36}\tDuration: /);
  });

  it('Invoke as Event is accepted with 202 and as DryRun with 204', async () => {
    assert.equal((await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event' }))).StatusCode, 202);
    assert.equal((await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'DryRun' }))).StatusCode, 204);
  });

  it('Invoke of an unknown function is ResourceNotFoundException', async () => {
    await assertRejectsWith(lambda.send(new InvokeCommand({ FunctionName: uniqueName('no-such-function') })), ResourceNotFoundException, 404, /Function not found/);
  });

  it('Invoke with a payload that is not JSON is InvalidRequestContentException', async () => {
    await assertRejectsWith(lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: 'not json' })), InvalidRequestContentException, 400,
      /Could not parse request body into json/);
  });
});
