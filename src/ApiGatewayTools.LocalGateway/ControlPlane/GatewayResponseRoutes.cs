using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;
using ApiGatewayTools.LocalGateway.Templates;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// An API's customisation of one gateway response type: the status code (null keeps the failure's own, or the
/// DEFAULT_* one), headers as response parameters, and body templates by content type. A copy made with `with`
/// owns copies of its maps, so a patch applied to a copy leaves the stored one untouched until it is swapped in.
/// </summary>
internal sealed record GatewayResponseRecord
{
    /// <summary>API Gateway's body for every default gateway response.</summary>
    public const string DefaultTemplate = """{"message":$context.error.messageString}""";

    public GatewayResponseRecord()
    {
    }

    private GatewayResponseRecord(GatewayResponseRecord original)
    {
        ResponseType = original.ResponseType;
        StatusCode = original.StatusCode;
        ResponseParameters = new(original.ResponseParameters, StringComparer.Ordinal);
        ResponseTemplates = new(original.ResponseTemplates, StringComparer.Ordinal);
    }

    public required string ResponseType { get; init; }
    public string? StatusCode { get; set; }
    public Dictionary<string, string> ResponseParameters { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ResponseTemplates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What GetGatewayResponse answers for a type the API has not customised.</summary>
    public static GatewayResponseRecord DefaultFor(GatewayResponseType type) => new()
    {
        ResponseType = type.Name,
        StatusCode = type.DefaultStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ResponseTemplates = new(StringComparer.Ordinal) { ["application/json"] = DefaultTemplate },
    };
}

/// <summary>
/// PutGatewayResponse, GetGatewayResponse, GetGatewayResponses, UpdateGatewayResponse and DeleteGatewayResponse.
/// An API keeps only the types it customised; every other type answers API Gateway's default
/// (defaultResponse: true), and deleting a customisation brings the default back. Invoke URLs serve what the
/// deployment froze (<see cref="DeploymentSnapshot.GatewayResponses"/>), so changes need a new deployment, as in AWS.
/// </summary>
internal sealed partial class GatewayResponseRoutes(GatewayState state) : IRouteArea
{
    private const string Collection = "/restapis/{restapi_id}/gatewayresponses";
    private const string Item = Collection + "/{response_type}";

    public void Register(Router router)
    {
        router.Map("PUT", Item, "PutGatewayResponse", Put);
        router.Map("GET", Collection, "GetGatewayResponses", List);
        router.Map("GET", Item, "GetGatewayResponse", Get);
        router.Map("PATCH", Item, "UpdateGatewayResponse", Update);
        router.Map("DELETE", Item, "DeleteGatewayResponse", Delete);
    }

    private GatewayResponse Put(GatewayRequest request)
    {
        var type = ReadType(request);
        var body = request.Json;
        var response = new GatewayResponseRecord
        {
            ResponseType = type.Name,
            StatusCode = JsonRead.String(body, "statusCode"),
            ResponseParameters = JsonRead.StringMap(body, "responseParameters") ?? new(StringComparer.Ordinal),
            ResponseTemplates = JsonRead.StringMap(body, "responseTemplates") ?? new(StringComparer.Ordinal),
        };
        Validate(response);
        lock (state.Sync)
        {
            state.RestApis.Get(request.Route("restapi_id")).GatewayResponses.Replace(response);
            return GatewayResponse.Json(201, w => Write(w, response, isDefault: false));
        }
    }

    private GatewayResponse List(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var customised = state.RestApis.Get(request.Route("restapi_id")).GatewayResponses;
            var effective = GatewayResponseType.All
                .Select(type => customised.TryGetValue(type.Name, out var own) ? (Response: own, IsDefault: false) : (Response: GatewayResponseRecord.DefaultFor(type), IsDefault: true))
                .ToList();
            return Paging.Page(request, effective, (w, item) => Write(w, item.Response, item.IsDefault));
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        var type = ReadType(request);
        lock (state.Sync)
        {
            var customised = state.RestApis.Get(request.Route("restapi_id")).GatewayResponses;
            return customised.TryGetValue(type.Name, out var own)
                ? GatewayResponse.Json(200, w => Write(w, own, isDefault: false))
                : GatewayResponse.Json(200, w => Write(w, GatewayResponseRecord.DefaultFor(type), isDefault: true));
        }
    }

    /// <summary>Patching a type the API has not customised starts from API Gateway's default and customises it.</summary>
    private GatewayResponse Update(GatewayRequest request)
    {
        var type = ReadType(request);
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var customised = state.RestApis.Get(request.Route("restapi_id")).GatewayResponses;
            var current = customised.TryGetValue(type.Name, out var own) ? own : GatewayResponseRecord.DefaultFor(type);
            var updated = customised.Replace(PatchOperation.ApplyAll(operations, current with { }, Apply, Validate));
            return GatewayResponse.Json(200, w => Write(w, updated, isDefault: false));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        var type = ReadType(request);
        lock (state.Sync)
        {
            var customised = state.RestApis.Get(request.Route("restapi_id")).GatewayResponses;
            if (!customised.Remove(type.Name))
            {
                throw GatewayError.NotFound("Invalid Gateway Response identifier specified");
            }
            return GatewayResponse.Empty(202);
        }
    }

    private static GatewayResponseType ReadType(GatewayRequest request)
    {
        var name = request.Route("response_type");
        return GatewayResponseType.Find(name) ?? throw GatewayError.BadRequest(
            $"1 validation error detected: Value '{name}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", GatewayResponseType.All)}]");
    }

    private static void Apply(GatewayResponseRecord response, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "statusCode" when segments.Count == 1 && operation.SetsOrClears:
                response.StatusCode = operation.OptionalValue;
                break;
            case "responseParameters" when segments.Count == 2:
                operation.ApplyToMap(response.ResponseParameters, segments[1]);
                break;
            case "responseTemplates" when segments.Count == 2:
                operation.ApplyToMap(response.ResponseTemplates, segments[1]);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    /// <summary>What AWS refuses in a gateway response: a status code outside [1-5]\d\d, a parameter that is not a header, query string or path of the response, a value that is neither quoted nor a request value, a template that cannot render.</summary>
    internal static void Validate(GatewayResponseRecord response)
    {
        if (response.StatusCode is { } status && !StatusCodePattern().IsMatch(status))
        {
            throw GatewayError.BadRequest(
                $"1 validation error detected: Value '{status}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d");
        }
        foreach (var (key, value) in response.ResponseParameters)
        {
            if (!ParameterKeyPattern().IsMatch(key))
            {
                throw GatewayError.BadRequest($"Invalid gateway response parameter specified: {key}. Expected gatewayresponse.header|querystring|path.{{name}}");
            }
            if (!ParameterValuePattern().IsMatch(value))
            {
                throw GatewayError.BadRequest($"Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: {value}]");
            }
        }
        foreach (var (contentType, template) in response.ResponseTemplates)
        {
            try
            {
                MappingTemplate.Validate(template);
            }
            catch (MappingTemplateException e)
            {
                throw GatewayError.BadRequest($"Invalid mapping template specified for {contentType}: {e.Message}");
            }
        }
    }

    private static void Write(Utf8JsonWriter writer, GatewayResponseRecord response, bool isDefault)
    {
        writer.WriteString("responseType", response.ResponseType);
        writer.OptionalString("statusCode", response.StatusCode);
        writer.Object("responseParameters", () => WriteMap(writer, response.ResponseParameters));
        writer.Object("responseTemplates", () => WriteMap(writer, response.ResponseTemplates));
        writer.WriteBoolean("defaultResponse", isDefault);
    }

    private static void WriteMap(Utf8JsonWriter writer, Dictionary<string, string> map)
    {
        foreach (var (key, value) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }
    }

    [GeneratedRegex(@"^[1-5]\d\d$")]
    private static partial Regex StatusCodePattern();

    [GeneratedRegex(@"^gatewayresponse\.(header|querystring|path)\.[^\s.][^\s]*$")]
    private static partial Regex ParameterKeyPattern();

    [GeneratedRegex(@"^('.*'|method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.[^\s]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$", RegexOptions.Singleline)]
    private static partial Regex ParameterValuePattern();
}
