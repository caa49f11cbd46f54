using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway;
using CsCheck;
using Xunit.Abstractions;

namespace ApiGatewayTools.Tests.LocalGateway.Properties;

/// <summary>
/// Property: whatever a client sends to any operation the gateway serves, or to an invoke URL, the answer is a
/// success or an error in AWS's shape (a 4xx status, an x-amzn-ErrorType header, a JSON body with a message), never
/// a 500, a dropped connection or a hang, and the gateway keeps serving. Seeded: a failure prints its seed and the
/// shrunk request, and the same seed replays it.
/// </summary>
public sealed class GeneratedRequestTests(ITestOutputHelper output) : IDisposable
{
    private const uint Corpus = 13;
    private const int RequestsPerOperation = 20;
    private const int InvokeRequests = 300;

    /// <summary>The statuses AWS's control plane and Lambda API answer with (412: Lambda's RevisionId mismatch).</summary>
    private static readonly HashSet<int> AwsApiStatuses = [200, 201, 202, 204, 400, 403, 404, 409, 412, 413, 429];

    /// <summary>What an invoke URL answers in API Gateway's shapes: the integration's answer or a gateway response.</summary>
    private static readonly HashSet<int> InvokeStatuses = [200, 400, 403, 404, 413, 415, 429];

    private readonly IsolatedGateway _gateway = new();

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task Every_operation_answers_generated_requests_in_AWS_shape()
    {
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = "hello",
            Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("""{"ok":true}""")),
        });
        var routes = _gateway.Server.Routes.OrderBy(route => route.Operation, StringComparer.Ordinal).ToList();
        Assert.True(routes.Count >= 50, $"Only {routes.Count} operations found: the walk would miss most of the API.");
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var (method, template, operation) in routes)
        {
            var known = await BuildWorld();
            var reached = false;
            var request = Gen.Select(Target(template, known), HostileInput.Query, HostileInput.Body, HostileInput.ContentType);
            try
            {
                await request.CheckAsync(Corpus, RequestsPerOperation, async sample =>
                {
                    var (target, query, body, contentType) = sample;
                    var headers = RawHttp.SignatureHeaders().ToList();
                    if (contentType.Length > 0)
                    {
                        headers.Add(("Content-Type", contentType));
                    }
                    var answer = await RawHttp.SendAsync(_gateway.Server.EndpointUrl, method, target + query, headers, body);
                    AssertAwsShape(answer, AwsApiStatuses, expectJson: true);
                    statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
                    reached |= answer.Status is not (403 or 404) || !IsRouting(answer);
                }, sample => $"{method} {RawHttp.Shorten(sample.Item1 + sample.Item2)} body={Describe(sample.Item3)}");
                if (!reached)
                {
                    failures.Add($"{operation}: no generated request reached the operation (every one was refused as unsigned or unrouted).");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{operation} ({method} {template}): {e.Message}{Environment.NewLine}{e.InnerException?.Message}");
            }
        }
        await AssertStillServing();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
        output.WriteLine($"{routes.Count} operations, {RequestsPerOperation} generated requests each; answers by status: "
            + string.Join(", ", statuses.Select(pair => $"{pair.Key}: {pair.Value}")));
    }

    [Fact]
    public async Task Invoke_urls_answer_generated_requests_in_API_Gateway_shapes()
    {
        var known = await BuildWorld();
        var apiId = known["restapi_id"];
        var methods = Gen.OneOf("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO");
        var api = Gen.Frequency((6, (IGen<string>)Gen.Const(apiId)), (1, HostileInput.EncodedText.Where(text => text.Length > 0)));
        var stage = Gen.Frequency((6, (IGen<string>)Gen.Const("prod")), (1, HostileInput.EncodedText.Where(text => text.Length > 0)));
        var path = Gen.Frequency(
            (3, (IGen<string>)Gen.OneOf("/pets", "/pets/", "/pets/1", "", "/")),
            (2, HostileInput.EncodedText.Array[1, 4].Select(parts => "/" + string.Join("/", parts))));
        var headers = Gen.Select(Gen.OneOf("Content-Type", "Accept", "x-api-key", "Authorization", "X-Amz-Date", "Host-Override", "Cookie"),
            Gen.String[Gen.Char[' ', '~'], 0, 300]).Array[0, 3];
        var request = Gen.Select(methods, api, stage, path, HostileInput.Query, headers, HostileInput.Body);

        await request.CheckAsync(Corpus, InvokeRequests, async sample =>
        {
            var (method, id, stageName, userPath, query, extraHeaders, body) = sample;
            var answer = await RawHttp.SendAsync(_gateway.Server.EndpointUrl, method,
                $"/restapis/{id}/{stageName}/_user_request_{userPath}{query}", extraHeaders.Select(h => (h.Item1, h.Item2.Trim())), body);
            AssertAwsShape(answer, InvokeStatuses, expectJson: false);
        }, sample => $"{sample.Item1} /restapis/{sample.Item2}/{sample.Item3}/_user_request_{RawHttp.Shorten(sample.Item4 + sample.Item5)} body={Describe(sample.Item7)}");

        await AssertStillServing();
    }

    /// <summary>
    /// The objects a generated request can name: one of each kind the gateway keeps, so ids are sometimes real and
    /// the hostile values reach the code behind the lookups.
    /// </summary>
    private async Task<Dictionary<string, string>> BuildWorld()
    {
        var client = _gateway.Client;
        var (apiId, rootId) = await client.CreateApi("world");
        var resourceId = await client.CreateResource(apiId, rootId, "pets");
        await client.AddMockMethod(apiId, resourceId);
        var methodPath = $"/restapis/{apiId}/resources/{resourceId}/methods/GET";
        (await client.Put($"{methodPath}/responses/200", new { })).ShouldBe(HttpStatusCode.Created);
        (await client.Put($"{methodPath}/integration/responses/200", new { selectionPattern = "" })).ShouldBe(HttpStatusCode.Created);
        var deployment = await client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" });
        deployment.ShouldBe(HttpStatusCode.Created);
        var validator = await client.Post($"/restapis/{apiId}/requestvalidators", new { name = "body", validateRequestBody = true });
        validator.ShouldBe(HttpStatusCode.Created);
        var part = await client.Post($"/restapis/{apiId}/documentation/parts", new { location = new { type = "API" }, properties = "{}" });
        part.ShouldBe(HttpStatusCode.Created);
        (await client.Post($"/restapis/{apiId}/documentation/versions", new { documentationVersion = "v1" })).ShouldBe(HttpStatusCode.Created);
        if (_gateway.Server.Functions.Count > 0)
        {
            var permission = await client.Post("/2015-03-31/functions/hello/policy",
                new { StatementId = $"sid-{apiId}", Action = "lambda:InvokeFunction", Principal = "apigateway.amazonaws.com" });
            permission.ShouldBe(HttpStatusCode.Created);
        }
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["restapi_id"] = apiId,
            ["parent_id"] = rootId,
            ["resource_id"] = resourceId,
            ["http_method"] = "GET",
            ["status_code"] = "200",
            ["deployment_id"] = deployment.Str("id"),
            ["stage_name"] = "prod",
            ["requestvalidator_id"] = validator.Str("id"),
            ["part_id"] = part.Str("id"),
            ["doc_version"] = "v1",
            ["resource_arn"] = HostileInput.PercentEncode($"arn:aws:apigateway:us-east-1::/restapis/{apiId}/stages/prod"),
            ["function_name"] = "hello",
            ["statement_id"] = $"sid-{apiId}",
        };
    }

    /// <summary>The template's variables filled with a real id (mostly) or hostile text, percent-encoded as a client would.</summary>
    private static Gen<string> Target(string template, Dictionary<string, string> known)
    {
        var parts = template.Trim('/').Split('/').Select(part =>
        {
            if (!part.StartsWith('{'))
            {
                return Gen.Const(part);
            }
            var name = part.Trim('{', '}', '+');
            var hostile = HostileInput.EncodedText.Where(text => text.Length > 0);
            return known.TryGetValue(name, out var value)
                ? Gen.Frequency((3, (IGen<string>)Gen.Const(value)), (2, hostile))
                : hostile;
        }).ToArray();
        return parts.Aggregate(Gen.Const(""), (path, part) => Gen.Select(path, part, (left, right) => left + "/" + right));
    }

    private static void AssertAwsShape(RawAnswer answer, HashSet<int> allowed, bool expectJson)
    {
        Assert.True(allowed.Contains(answer.Status), $"Status {answer.Status}: {RawHttp.Shorten(answer.BodyText)}");
        if (answer.Status < 400)
        {
            if (expectJson && answer.Body.Length > 0)
            {
                using var _ = JsonDocument.Parse(answer.Body);
            }
            return;
        }
        Assert.True(answer.Headers.TryGetValue("x-amzn-ErrorType", out var errorType) && errorType.Length > 0,
            $"A {answer.Status} without x-amzn-ErrorType: {RawHttp.Shorten(answer.BodyText)}");
        using var body = JsonDocument.Parse(answer.Body);
        var hasMessage = body.RootElement.ValueKind == JsonValueKind.Object
            && (body.RootElement.TryGetProperty("message", out var message) || body.RootElement.TryGetProperty("Message", out message))
            && message.ValueKind == JsonValueKind.String;
        Assert.True(hasMessage, $"A {answer.Status} {errorType} without a message: {RawHttp.Shorten(answer.BodyText)}");
    }

    /// <summary>Refused before any operation ran: unsigned or no operation at that path.</summary>
    private static bool IsRouting(RawAnswer answer) =>
        answer.Headers.TryGetValue("x-amzn-ErrorType", out var type)
        && Regex.IsMatch(type, "^(UnknownOperationException|MissingAuthenticationTokenException|IncompleteSignatureException)");

    private async Task AssertStillServing() => (await _gateway.Client.Get("/restapis")).ShouldBe(HttpStatusCode.OK);

    private static string Describe(byte[]? body) => body is null ? "none" : RawHttp.Shorten(Encoding.UTF8.GetString(body));
}
