using System.Globalization;
using System.Text.Json;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>Turns AWS's response shapes (service models apigateway 2015-07-09, lambda 2015-03-31) into the module's objects.</summary>
internal static class ResponseMapper
{
    public static RestApi RestApi(JsonElement json, GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = json.Str("id") ?? "",
        Name = json.Str("name") ?? "",
        Description = CallMarker.Strip(json.Str("description")),
        MadeByCall = CallMarker.Of(json.Str("description")),
        CreatedDate = json.EpochSeconds("createdDate"),
        Version = json.Str("version"),
        EndpointType = json.Member("endpointConfiguration") is { } endpoint ? endpoint.StringList("types").FirstOrDefault() : null,
        ApiKeySource = json.Str("apiKeySource"),
        RootResourceId = json.Str("rootResourceId"),
        DisableExecuteApiEndpoint = json.Bool("disableExecuteApiEndpoint"),
        BinaryMediaTypes = json.StringList("binaryMediaTypes"),
        MinimumCompressionSize = json.Int("minimumCompressionSize"),
        Tags = json.StringMap("tags"),
        Policy = ResourcePolicy.FromAws(json.Str("policy")),
        Warnings = json.StringList("warnings"),
    };

    /// <summary>
    /// A resource with the methods embedded in it (GetResources with embed=methods): each in full, with its
    /// integration and responses, so nothing needs reading again method by method.
    /// </summary>
    public static RestApiResource Resource(JsonElement json, string restApiId, GwConnection connection)
    {
        var resourceId = json.Str("id") ?? "";
        var path = json.Str("path") ?? "";
        var methods = json.Map("resourceMethods", method => method)
            .ToDictionary(m => m.Key, m => Method(m.Value, restApiId, resourceId, m.Key, connection) with { Path = path }, StringComparer.Ordinal);
        return new RestApiResource
        {
            Connection = connection,
            RestApiId = restApiId,
            ResourceId = resourceId,
            ParentId = json.Str("parentId"),
            PathPart = json.Str("pathPart"),
            Path = path,
            HttpMethods = methods.Keys.Order(StringComparer.Ordinal).ToList(),
            ResourceMethods = methods,
        };
    }

    public static Method Method(JsonElement json, string restApiId, string resourceId, string httpMethod, GwConnection connection)
    {
        var verb = json.Str("httpMethod") ?? httpMethod;
        return new Method
        {
            Connection = connection,
            RestApiId = restApiId,
            ResourceId = resourceId,
            HttpMethod = verb,
            AuthorizationType = json.Str("authorizationType") ?? "NONE",
            AuthorizerId = json.Str("authorizerId"),
            ApiKeyRequired = json.Bool("apiKeyRequired"),
            OperationName = json.Str("operationName"),
            RequestValidatorId = json.Str("requestValidatorId"),
            RequestParameters = json.BoolMap("requestParameters"),
            RequestModels = json.StringMap("requestModels"),
            AuthorizationScopes = json.StringList("authorizationScopes"),
            MethodResponses = json.Map("methodResponses", r => MethodResponse(r, restApiId, resourceId, verb, connection)),
            Integration = json.Member("methodIntegration") is { ValueKind: JsonValueKind.Object } integration
                ? Integration(integration, restApiId, resourceId, verb, connection)
                : null,
        };
    }

    public static MethodResponse MethodResponse(JsonElement json, string restApiId, string resourceId, string httpMethod, GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = restApiId,
        ResourceId = resourceId,
        HttpMethod = httpMethod,
        StatusCode = json.Str("statusCode") ?? "",
        ResponseParameters = json.BoolMap("responseParameters"),
        ResponseModels = json.StringMap("responseModels"),
    };

    /// <summary><paramref name="methodVerb"/> is the method's verb; the body's "httpMethod" is the backend's.</summary>
    public static Integration Integration(JsonElement json, string restApiId, string resourceId, string methodVerb, GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = restApiId,
        ResourceId = resourceId,
        HttpMethod = methodVerb,
        Type = json.Str("type") ?? "",
        IntegrationHttpMethod = json.Str("httpMethod"),
        Uri = json.Str("uri"),
        ConnectionType = json.Str("connectionType"),
        ConnectionId = json.Str("connectionId"),
        Credentials = json.Str("credentials"),
        PassthroughBehavior = json.Str("passthroughBehavior"),
        ContentHandling = json.Str("contentHandling"),
        TimeoutInMillis = json.Int("timeoutInMillis"),
        CacheNamespace = json.Str("cacheNamespace"),
        CacheKeyParameters = json.StringList("cacheKeyParameters"),
        RequestParameters = json.StringMap("requestParameters"),
        RequestTemplates = json.StringMap("requestTemplates"),
        IntegrationResponses = json.Map("integrationResponses", r => IntegrationResponse(r, restApiId, resourceId, methodVerb, connection)),
    };

    public static IntegrationResponse IntegrationResponse(JsonElement json, string restApiId, string resourceId, string httpMethod, GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = restApiId,
        ResourceId = resourceId,
        HttpMethod = httpMethod,
        StatusCode = json.Str("statusCode") ?? "",
        SelectionPattern = json.Str("selectionPattern"),
        ContentHandling = json.Str("contentHandling"),
        ResponseParameters = json.StringMap("responseParameters"),
        ResponseTemplates = json.StringMap("responseTemplates"),
    };

    public static Deployment Deployment(JsonElement json, string restApiId, GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = restApiId,
        DeploymentId = json.Str("id") ?? "",
        Description = CallMarker.Strip(json.Str("description")),
        MadeByCall = CallMarker.Of(json.Str("description")),
        CreatedDate = json.EpochSeconds("createdDate"),
    };

    public static Stage Stage(JsonElement json, string restApiId, GwConnection connection)
    {
        var stageName = json.Str("stageName") ?? "";
        return new Stage
        {
            Connection = connection,
            RestApiId = restApiId,
            StageName = stageName,
            DeploymentId = json.Str("deploymentId"),
            Description = json.Str("description"),
            CreatedDate = json.EpochSeconds("createdDate"),
            LastUpdatedDate = json.EpochSeconds("lastUpdatedDate"),
            CacheClusterEnabled = json.Bool("cacheClusterEnabled"),
            CacheClusterSize = json.Str("cacheClusterSize"),
            CacheClusterStatus = json.Str("cacheClusterStatus"),
            TracingEnabled = json.Bool("tracingEnabled"),
            DocumentationVersion = json.Str("documentationVersion"),
            WebAclArn = json.Str("webAclArn"),
            Variables = json.StringMap("variables"),
            MethodSettings = json.Map("methodSettings", settings => settings)
                .Select(pair => StageMethodSetting(pair.Key, pair.Value, restApiId, stageName, connection))
                .OrderBy(setting => setting.Key, StringComparer.Ordinal)
                .ToList(),
            Canary = json.Member("canarySettings") is { ValueKind: JsonValueKind.Object } canary
                ? new StageCanary
                {
                    Connection = connection,
                    DeploymentId = canary.Str("deploymentId"),
                    PercentTraffic = canary.Double("percentTraffic") ?? 0,
                    StageVariableOverrides = canary.StringMap("stageVariableOverrides"),
                    UseStageCache = canary.Bool("useStageCache"),
                }
                : null,
            AccessLogFormat = json.Member("accessLogSettings")?.Str("format"),
            AccessLogDestinationArn = json.Member("accessLogSettings")?.Str("destinationArn"),
            Tags = json.StringMap("tags"),
            InvokeUrl = InvokeUrls.ForStage(connection.ApiGatewayEndpoint, connection.Region, restApiId, stageName),
        };
    }

    private static StageMethodSetting StageMethodSetting(string key, JsonElement json, string restApiId, string stageName, GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = restApiId,
        StageName = stageName,
        Key = key,
        MethodPath = Domain.StageMethodKey.ToMethodPath(key),
        MetricsEnabled = json.Bool("metricsEnabled"),
        LoggingLevel = json.Str("loggingLevel"),
        DataTraceEnabled = json.Bool("dataTraceEnabled"),
        ThrottlingBurstLimit = json.Int("throttlingBurstLimit"),
        ThrottlingRateLimit = json.Double("throttlingRateLimit"),
        CachingEnabled = json.Bool("cachingEnabled"),
        CacheTtlInSeconds = json.Int("cacheTtlInSeconds"),
        CacheDataEncrypted = json.Bool("cacheDataEncrypted"),
        RequireAuthorizationForCacheControl = json.Bool("requireAuthorizationForCacheControl"),
        UnauthorizedCacheControlHeaderStrategy = json.Str("unauthorizedCacheControlHeaderStrategy"),
    };

    /// <summary>GetFunction answers {"Configuration": {...}, "Code": {...}}.</summary>
    public static LambdaFunction Function(JsonElement json, GwConnection connection)
    {
        var configuration = json.Member("Configuration") ?? json;
        return new LambdaFunction
        {
            Connection = connection,
            FunctionName = configuration.Str("FunctionName") ?? "",
            FunctionArn = configuration.Str("FunctionArn") ?? "",
            Runtime = configuration.Str("Runtime"),
            Handler = configuration.Str("Handler"),
            Description = configuration.Str("Description"),
            Version = configuration.Str("Version"),
            State = configuration.Str("State"),
            LastModified = LambdaTimestamp(configuration.Str("LastModified")),
        };
    }

    private static readonly string[] LambdaTimestampFormats =
        ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fffK", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <summary>Lambda writes ISO 8601 with a colon-less offset, e.g. 2024-05-01T12:00:00.000+0000.</summary>
    public static DateTimeOffset? LambdaTimestamp(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = text.Length > 5 && (text[^5] == '+' || text[^5] == '-') ? text[..^2] + ":" + text[^2..] : text;
        if (DateTimeOffset.TryParseExact(normalized, LambdaTimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact;
        }

        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose) ? loose : null;
    }

    /// <summary>GetPolicy answers {"Policy": "&lt;policy document as a string&gt;", "RevisionId": "..."}.</summary>
    public static LambdaAlias Alias(JsonElement json, string functionName, GwConnection connection) => new()
    {
        Connection = connection,
        FunctionName = functionName,
        Name = json.Str("Name") ?? "",
        AliasArn = json.Str("AliasArn") ?? "",
        FunctionVersion = json.Str("FunctionVersion") ?? "",
        Description = json.Str("Description"),
        RevisionId = json.Str("RevisionId"),
    };

    public static LambdaPolicy Policy(JsonElement json, string functionName, GwConnection connection)
    {
        var document = json.Str("Policy") ?? "{}";
        var parsed = Json.Parse(document);
        var statements = parsed.Member("Statement") switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(s => Statement(s, functionName, connection)).ToList(),
            { ValueKind: JsonValueKind.Object } single => [Statement(single, functionName, connection)],
            _ => new List<LambdaPolicyStatement>(),
        };
        return new LambdaPolicy
        {
            Connection = connection,
            FunctionName = functionName,
            RevisionId = json.Str("RevisionId"),
            PolicyJson = document,
            Statements = statements,
        };
    }

    public static LambdaPolicyStatement Statement(JsonElement statement, string functionName, GwConnection connection)
    {
        var condition = statement.Member("Condition") ?? default;
        return new LambdaPolicyStatement
        {
            Connection = connection,
            FunctionName = functionName,
            StatementId = statement.Str("Sid") ?? "",
            Effect = statement.Str("Effect") ?? "",
            // "Principal" is {"Service": "..."} for service principals and a plain string or {"AWS": ...} otherwise.
            Principal = statement.Member("Principal") switch
            {
                { ValueKind: JsonValueKind.String } text => text.GetString(),
                { ValueKind: JsonValueKind.Object } principal => principal.Str("Service") ?? principal.Str("AWS"),
                _ => null,
            },
            Action = FirstOf(statement.Member("Action")),
            Resource = FirstOf(statement.Member("Resource")),
            SourceArn = condition.Member("ArnLike")?.Str("AWS:SourceArn") ?? condition.Member("ArnEquals")?.Str("AWS:SourceArn"),
            SourceAccount = condition.Member("StringEquals")?.Str("AWS:SourceAccount"),
        };
    }

    private static string? FirstOf(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.GetString()).FirstOrDefault(),
        _ => null,
    };

    public static TestInvokeResult TestInvoke(JsonElement json, Client.TestInvokeMethodRequest request, GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = request.RestApiId,
        ResourceId = request.ResourceId,
        HttpMethod = request.HttpMethod,
        PathWithQueryString = request.PathWithQueryString,
        Status = json.Int("status") ?? 0,
        Headers = json.StringMap("headers"),
        MultiValueHeaders = json.Map("multiValueHeaders", values =>
            (IReadOnlyList<string>)(values.ValueKind == JsonValueKind.Array
                ? values.EnumerateArray().Select(v => v.GetString() ?? "").ToList()
                : [])),
        Body = json.Str("body"),
        Latency = TimeSpan.FromMilliseconds(json.Member("latency") is { ValueKind: JsonValueKind.Number } latency ? latency.GetDouble() : 0),
        Log = json.Str("log"),
    };
}
