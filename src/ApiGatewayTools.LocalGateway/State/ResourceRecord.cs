using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.State;

// These records copy themselves with `with`: each declares its copy constructor so that a copy owns
// its own collections and nested records, and patching a copy can never reach the original.

/// <summary>One node of an API's resource tree; the root has no parent and no pathPart.</summary>
internal sealed record ResourceRecord
{
    public ResourceRecord()
    {
    }

    private ResourceRecord(ResourceRecord original)
    {
        Id = original.Id;
        ParentId = original.ParentId;
        PathPart = original.PathPart;
        Methods = CopyOf(original.Methods, method => method with { });
    }

    public required string Id { get; init; }
    public string? ParentId { get; set; }
    public string? PathPart { get; set; }
    public SortedDictionary<string, MethodRecord> Methods { get; init; } = new(StringComparer.Ordinal);

    public bool IsGreedy => PathPart is { } part && part.StartsWith('{') && part.EndsWith("+}");
    public bool IsVariable => PathPart is { } part && part.StartsWith('{') && part.EndsWith('}');

    public MethodRecord Method(string httpMethod) =>
        Methods.TryGetValue(httpMethod.ToUpperInvariant(), out var method)
            ? method
            : throw GatewayError.NotFound("Invalid Method identifier specified");

    internal static SortedDictionary<string, T> CopyOf<T>(SortedDictionary<string, T> source, Func<T, T> copy) =>
        new(source.ToDictionary(pair => pair.Key, pair => copy(pair.Value)), StringComparer.Ordinal);
}

internal sealed record MethodRecord
{
    public MethodRecord()
    {
    }

    private MethodRecord(MethodRecord original)
    {
        HttpMethod = original.HttpMethod;
        AuthorizationType = original.AuthorizationType;
        AuthorizerId = original.AuthorizerId;
        ApiKeyRequired = original.ApiKeyRequired;
        RequestValidatorId = original.RequestValidatorId;
        OperationName = original.OperationName;
        RequestParameters = new(original.RequestParameters, StringComparer.Ordinal);
        RequestModels = new(original.RequestModels, StringComparer.Ordinal);
        AuthorizationScopes = [.. original.AuthorizationScopes];
        MethodResponses = ResourceRecord.CopyOf(original.MethodResponses, response => response with { });
        Integration = original.Integration is { } integration ? integration with { } : null;
    }

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

    public IntegrationRecord RequiredIntegration =>
        Integration ?? throw GatewayError.NotFound("Invalid Integration identifier specified");
}

internal sealed record MethodResponseRecord
{
    public MethodResponseRecord()
    {
    }

    private MethodResponseRecord(MethodResponseRecord original)
    {
        StatusCode = original.StatusCode;
        ResponseParameters = new(original.ResponseParameters, StringComparer.Ordinal);
        ResponseModels = new(original.ResponseModels, StringComparer.Ordinal);
    }

    public required string StatusCode { get; init; }
    public Dictionary<string, bool> ResponseParameters { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ResponseModels { get; set; } = new(StringComparer.Ordinal);
}

internal sealed record IntegrationRecord
{
    public IntegrationRecord()
    {
    }

    private IntegrationRecord(IntegrationRecord original)
    {
        Type = original.Type;
        HttpMethod = original.HttpMethod;
        Uri = original.Uri;
        ConnectionType = original.ConnectionType;
        ConnectionId = original.ConnectionId;
        Credentials = original.Credentials;
        RequestParameters = new(original.RequestParameters, StringComparer.Ordinal);
        RequestTemplates = new(original.RequestTemplates, StringComparer.Ordinal);
        PassthroughBehavior = original.PassthroughBehavior;
        ContentHandling = original.ContentHandling;
        TimeoutInMillis = original.TimeoutInMillis;
        CacheNamespace = original.CacheNamespace;
        CacheKeyParameters = [.. original.CacheKeyParameters];
        IntegrationResponses = ResourceRecord.CopyOf(original.IntegrationResponses, response => response with { });
    }

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
}

internal sealed record IntegrationResponseRecord
{
    public IntegrationResponseRecord()
    {
    }

    private IntegrationResponseRecord(IntegrationResponseRecord original)
    {
        StatusCode = original.StatusCode;
        SelectionPattern = original.SelectionPattern;
        ResponseParameters = new(original.ResponseParameters, StringComparer.Ordinal);
        ResponseTemplates = new(original.ResponseTemplates, StringComparer.Ordinal);
        ContentHandling = original.ContentHandling;
    }

    public required string StatusCode { get; init; }
    public string? SelectionPattern { get; set; }
    public Dictionary<string, string> ResponseParameters { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ResponseTemplates { get; set; } = new(StringComparer.Ordinal);
    public string? ContentHandling { get; set; }
}
