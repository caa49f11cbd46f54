namespace ApiGatewayTools.LocalGateway.State;

/// <summary>One node of an API's resource tree; the root has no parent and no pathPart.</summary>
internal sealed class ResourceRecord
{
    public required string Id { get; init; }
    public string? ParentId { get; set; }
    public string? PathPart { get; set; }
    public SortedDictionary<string, MethodRecord> Methods { get; init; } = new(StringComparer.Ordinal);

    public bool IsGreedy => PathPart is { } part && part.StartsWith('{') && part.EndsWith("+}");
    public bool IsVariable => PathPart is { } part && part.StartsWith('{') && part.EndsWith('}');

    public ResourceRecord Clone() => new()
    {
        Id = Id,
        ParentId = ParentId,
        PathPart = PathPart,
        Methods = new(Methods.ToDictionary(pair => pair.Key, pair => pair.Value.Clone()), StringComparer.Ordinal),
    };
}

internal sealed class MethodRecord
{
    public required string HttpMethod { get; init; }
    public string AuthorizationType { get; set; } = "NONE";
    public string? AuthorizerId { get; set; }
    public bool ApiKeyRequired { get; set; }
    public string? RequestValidatorId { get; set; }
    public string? OperationName { get; set; }
    public Dictionary<string, bool> RequestParameters { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> RequestModels { get; set; } = new(StringComparer.Ordinal);
    public List<string> AuthorizationScopes { get; set; } = [];
    public SortedDictionary<string, MethodResponseRecord> MethodResponses { get; init; } = new(StringComparer.Ordinal);
    public IntegrationRecord? Integration { get; set; }

    public MethodRecord Clone() => new()
    {
        HttpMethod = HttpMethod,
        AuthorizationType = AuthorizationType,
        AuthorizerId = AuthorizerId,
        ApiKeyRequired = ApiKeyRequired,
        RequestValidatorId = RequestValidatorId,
        OperationName = OperationName,
        RequestParameters = new(RequestParameters, StringComparer.Ordinal),
        RequestModels = new(RequestModels, StringComparer.Ordinal),
        AuthorizationScopes = [.. AuthorizationScopes],
        MethodResponses = new(MethodResponses.ToDictionary(pair => pair.Key, pair => pair.Value.Clone()), StringComparer.Ordinal),
        Integration = Integration?.Clone(),
    };
}

internal sealed class MethodResponseRecord
{
    public required string StatusCode { get; init; }
    public Dictionary<string, bool> ResponseParameters { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ResponseModels { get; set; } = new(StringComparer.Ordinal);

    public MethodResponseRecord Clone() => new()
    {
        StatusCode = StatusCode,
        ResponseParameters = new(ResponseParameters, StringComparer.Ordinal),
        ResponseModels = new(ResponseModels, StringComparer.Ordinal),
    };
}

internal sealed class IntegrationRecord
{
    public required string Type { get; set; }
    public string? HttpMethod { get; set; }
    public string? Uri { get; set; }
    public string ConnectionType { get; set; } = "INTERNET";
    public string? ConnectionId { get; set; }
    public string? Credentials { get; set; }
    public Dictionary<string, string> RequestParameters { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> RequestTemplates { get; set; } = new(StringComparer.Ordinal);
    public string PassthroughBehavior { get; set; } = "WHEN_NO_MATCH";
    public string? ContentHandling { get; set; }
    public int TimeoutInMillis { get; set; } = 29000;
    public required string CacheNamespace { get; set; }
    public List<string> CacheKeyParameters { get; set; } = [];
    public SortedDictionary<string, IntegrationResponseRecord> IntegrationResponses { get; init; } = new(StringComparer.Ordinal);

    public IntegrationRecord Clone() => new()
    {
        Type = Type,
        HttpMethod = HttpMethod,
        Uri = Uri,
        ConnectionType = ConnectionType,
        ConnectionId = ConnectionId,
        Credentials = Credentials,
        RequestParameters = new(RequestParameters, StringComparer.Ordinal),
        RequestTemplates = new(RequestTemplates, StringComparer.Ordinal),
        PassthroughBehavior = PassthroughBehavior,
        ContentHandling = ContentHandling,
        TimeoutInMillis = TimeoutInMillis,
        CacheNamespace = CacheNamespace,
        CacheKeyParameters = [.. CacheKeyParameters],
        IntegrationResponses = new(IntegrationResponses.ToDictionary(pair => pair.Key, pair => pair.Value.Clone()), StringComparer.Ordinal),
    };
}

internal sealed class IntegrationResponseRecord
{
    public required string StatusCode { get; init; }
    public string? SelectionPattern { get; set; }
    public Dictionary<string, string> ResponseParameters { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ResponseTemplates { get; set; } = new(StringComparer.Ordinal);
    public string? ContentHandling { get; set; }

    public IntegrationResponseRecord Clone() => new()
    {
        StatusCode = StatusCode,
        SelectionPattern = SelectionPattern,
        ResponseParameters = new(ResponseParameters, StringComparer.Ordinal),
        ResponseTemplates = new(ResponseTemplates, StringComparer.Ordinal),
        ContentHandling = ContentHandling,
    };
}
