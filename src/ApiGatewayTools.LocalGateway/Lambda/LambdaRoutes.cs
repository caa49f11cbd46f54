using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.Lambda;

/// <summary>The Lambda API (2015-03-31) for local functions: GetFunction, ListFunctions and the resource policy.</summary>
internal sealed class LambdaRoutes(GatewayState state) : IRouteArea
{
    private const string Functions = "/2015-03-31/functions";

    public void Register(Router router)
    {
        router.Map("GET", Functions, "ListFunctions", List);
        router.Map("GET", Functions + "/{function_name}", "GetFunction", Get);
        router.Map("GET", Functions + "/{function_name}/configuration", "GetFunctionConfiguration", GetConfiguration);
        router.Map("POST", Functions + "/{function_name}/policy", "AddPermission", AddPermission);
        router.Map("GET", Functions + "/{function_name}/policy", "GetPolicy", GetPolicy);
        router.Map("DELETE", Functions + "/{function_name}/policy/{statement_id}", "RemovePermission", RemovePermission);
    }

    private GatewayResponse List(GatewayRequest request)
    {
        var maxItems = 50;
        if (request.QueryValue("MaxItems") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxItems) || maxItems is < 1 or > 10000))
        {
            throw GatewayError.LambdaInvalidParameter($"1 validation error detected: Value '{text}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000");
        }
        var marker = request.QueryValue("Marker");
        lock (state.Sync)
        {
            var functions = state.Functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal)
                .SkipWhile(f => marker is not null && string.CompareOrdinal(f.Name, marker) <= 0)
                .ToList();
            var page = functions.Take(maxItems).ToList();
            return GatewayResponse.Json(200, w =>
            {
                if (functions.Count > page.Count)
                {
                    w.WriteString("NextMarker", page[^1].Name);
                }
                w.WritePropertyName("Functions");
                w.WriteStartArray();
                foreach (var function in page)
                {
                    w.WriteStartObject();
                    LambdaJson.Configuration(w, function.Arn, function.LatestVersion);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }
    }

    private GatewayResponse Get(GatewayRequest request) => WithFunction(request, (arn, function) =>
        GatewayResponse.Json(200, w =>
        {
            w.Object("Configuration", () => LambdaJson.Configuration(w, arn, function));
            w.Object("Code", () => w.WriteString("RepositoryType", "S3"));
            if (function.Definition.ReservedConcurrency is { } reserved)
            {
                w.Object("Concurrency", () => w.WriteNumber("ReservedConcurrentExecutions", reserved));
            }
        }));

    private GatewayResponse GetConfiguration(GatewayRequest request) => WithFunction(request, (arn, function) =>
        GatewayResponse.Json(200, w => LambdaJson.Configuration(w, arn, function)));

    private GatewayResponse AddPermission(GatewayRequest request)
    {
        var body = request.Json;
        var statementId = JsonRead.String(body, "StatementId") ?? throw MissingParameter("StatementId");
        var action = JsonRead.String(body, "Action") ?? throw MissingParameter("Action");
        var principal = JsonRead.String(body, "Principal") ?? throw MissingParameter("Principal");
        var sourceArn = JsonRead.String(body, "SourceArn");
        var sourceAccount = JsonRead.String(body, "SourceAccount");
        var reference = FunctionReference.Parse(request.Route("function_name"), request.QueryValue("Qualifier") ?? JsonRead.String(body, "Qualifier"));
        lock (state.Sync)
        {
            var function = reference.Resolve(state).Function;
            CheckRevision(JsonRead.String(body, "RevisionId"), function.RevisionId);
            var statements = StatementsOf(function, reference.Qualifier);
            if (statements.Any(s => (string?)s["Sid"] == statementId))
            {
                throw GatewayError.LambdaConflict(
                    $"The statement id ({statementId}) provided already exists. Please specify a new statement id, or remove the existing statement.");
            }
            var statement = PolicyStatement.Create(statementId, action, principal, reference.Arn, sourceArn, sourceAccount);
            statements.Add(statement);
            function.RevisionId = Guid.NewGuid().ToString();
            return GatewayResponse.Json(201, w => w.WriteString("Statement", PolicyStatement.Serialize(statement)));
        }
    }

    private GatewayResponse GetPolicy(GatewayRequest request)
    {
        var reference = FunctionReference.Parse(request.Route("function_name"), request.QueryValue("Qualifier"));
        lock (state.Sync)
        {
            var function = reference.Resolve(state).Function;
            var policy = PolicyStatement.PolicyDocument(function, reference.Qualifier)
                ?? throw GatewayError.LambdaNotFound("The resource you requested does not exist.");
            return GatewayResponse.Json(200, w =>
            {
                w.WriteString("Policy", policy);
                w.WriteString("RevisionId", function.RevisionId);
            });
        }
    }

    private GatewayResponse RemovePermission(GatewayRequest request)
    {
        var statementId = request.Route("statement_id");
        var reference = FunctionReference.Parse(request.Route("function_name"), request.QueryValue("Qualifier"));
        lock (state.Sync)
        {
            var function = reference.Resolve(state).Function;
            var statements = StatementsOf(function, reference.Qualifier);
            if (statements.RemoveAll(s => (string?)s["Sid"] == statementId) == 0)
            {
                throw GatewayError.LambdaNotFound($"Statement {statementId} is not found in resource policy.");
            }
            function.RevisionId = Guid.NewGuid().ToString();
            return GatewayResponse.Empty(204);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the function as its qualifier resolves, with the ARN as the caller named it.</summary>
    private GatewayResponse WithFunction(GatewayRequest request, Func<string, ResolvedFunction, GatewayResponse> action)
    {
        var reference = FunctionReference.Parse(request.Route("function_name"), request.QueryValue("Qualifier"));
        lock (state.Sync)
        {
            // $LATEST reports the unqualified ARN; a version or alias, the ARN as qualified.
            var function = reference.Resolve(state);
            return action(reference.Qualifier is null or LocalFunctionRecord.Latest ? function.Function.Arn : reference.Arn, function);
        }
    }

    /// <summary>An update that names a RevisionId applies only to that revision, as Lambda's optimistic locking.</summary>
    public static void CheckRevision(string? expected, string actual)
    {
        if (expected is not null && expected != actual)
        {
            throw new GatewayError(412, "PreconditionFailedException",
                "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                ErrorBodyStyle.Lambda);
        }
    }

    private static List<JsonObject> StatementsOf(LocalFunctionRecord function, string? qualifier)
    {
        var key = qualifier ?? "";
        if (!function.PolicyStatements.TryGetValue(key, out var statements))
        {
            statements = [];
            function.PolicyStatements[key] = statements;
        }
        return statements;
    }

    public static GatewayError MissingParameter(string name) =>
        new(400, "ValidationException", $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null", ErrorBodyStyle.Lambda);
}

/// <summary>Resource-policy statements stored and reported the way Lambda writes them.</summary>
internal static class PolicyStatement
{
    private static readonly JsonSerializerOptions PolicyJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Policies travel as JSON text inside JSON; keep that text compact and unescaped as Lambda does.</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(PolicyJsonOptions);

    public static JsonObject Create(string statementId, string action, string principal, string resourceArn, string? sourceArn, string? sourceAccount)
    {
        var statement = new JsonObject
        {
            ["Sid"] = statementId,
            ["Effect"] = "Allow",
            ["Principal"] = principal.EndsWith(".amazonaws.com", StringComparison.Ordinal)
                ? new JsonObject { ["Service"] = principal }
                : new JsonObject { ["AWS"] = principal },
            ["Action"] = action,
            ["Resource"] = resourceArn,
        };
        var condition = new JsonObject();
        if (sourceAccount is not null)
        {
            condition["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = sourceAccount };
        }
        if (sourceArn is not null)
        {
            condition["ArnLike"] = new JsonObject { ["AWS:SourceArn"] = sourceArn };
        }
        if (condition.Count > 0)
        {
            statement["Condition"] = condition;
        }
        return statement;
    }

    /// <summary>The policy document as a JSON string, or null when the function (qualifier) has no statements.</summary>
    public static string? PolicyDocument(LocalFunctionRecord function, string? qualifier)
    {
        if (!function.PolicyStatements.TryGetValue(qualifier ?? "", out var statements) || statements.Count == 0)
        {
            return null;
        }
        var document = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Id"] = "default",
            ["Statement"] = new JsonArray(statements.Select(s => (JsonNode)s.DeepClone()).ToArray()),
        };
        return Serialize(document);
    }
}

internal static class LambdaJson
{
    /// <summary>A version's configuration; <paramref name="functionArn"/> as the caller named it (qualified or not).</summary>
    public static void Configuration(Utf8JsonWriter writer, string functionArn, ResolvedFunction function)
    {
        writer.WriteString("FunctionName", function.Function.Name);
        writer.WriteString("FunctionArn", functionArn);
        writer.WriteString("Runtime", function.Definition.Runtime);
        writer.WriteString("Role", $"arn:aws:iam::{LocalGatewayServer.AccountId}:role/local-function");
        writer.WriteString("Handler", function.Definition.HandlerName);
        writer.WriteNumber("CodeSize", 0);
        writer.WriteString("Description", function.Definition.Description ?? "");
        writer.WriteNumber("Timeout", (int)Math.Ceiling(function.Definition.Timeout.TotalSeconds));
        writer.WriteNumber("MemorySize", function.Definition.MemorySize);
        writer.WriteString("LastModified", LastModifiedText(function.LastModified));
        if (function.Definition.Environment is { Count: > 0 } environment)
        {
            writer.WriteStartObject("Environment");
            writer.WriteStartObject("Variables");
            foreach (var (name, value) in environment)
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteString("CodeSha256", "");
        writer.WriteString("Version", function.Version);
        writer.WriteString("RevisionId", function.RevisionId);
        writer.WriteString("State", "Active");
        writer.WriteString("LastUpdateStatus", "Successful");
        writer.WriteString("PackageType", "Zip");
        writer.WriteStringArray("Architectures", ["x86_64"]);
    }

    /// <summary>Lambda's own timestamp format, e.g. 2024-05-01T12:34:56.789+0000.</summary>
    public static string LastModifiedText(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
