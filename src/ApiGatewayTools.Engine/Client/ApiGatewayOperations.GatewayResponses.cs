using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// How an API answers one gateway response type: the status code (null keeps the failure's own), headers
/// (response parameters) and body templates. A PutGatewayResponse replaces all three.
/// </summary>
public sealed record GatewayResponseSettings(string ResponseType, int? StatusCode,
    IReadOnlyDictionary<string, string> ResponseParameters, IReadOnlyDictionary<string, string> ResponseTemplates)
{
    public const string InvalidTypeErrorId = "InvalidGatewayResponseType";
    public const string InvalidStatusCodeErrorId = "InvalidGatewayResponseStatusCode";
    public const string InvalidHeaderErrorId = "InvalidGatewayResponseHeader";

    /// <summary>A header's value: a quoted static value, or a value of the request that failed.</summary>
    private static readonly Regex MappedValue = new(
        @"^('.*'|method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.[^\s.][^\s]*|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>RFC 9110's token: what a header name may be made of.</summary>
    private static readonly Regex HeaderName = new(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The response parameters for headers written the convenient way: a quoted value or a request value
    /// (method.request.*, stageVariables.*, context.*) is taken as it is; any other value is a static text and is
    /// quoted for the user ("*" becomes "'*'").
    /// </summary>
    public static IReadOnlyDictionary<string, string> HeaderParameters(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (!HeaderName.IsMatch(name ?? ""))
            {
                throw new GwValidationException(InvalidHeaderErrorId, "Header",
                    $"'{name}' is not a header name: use letters, digits and !#$%&'*+-.^_`|~ only, e.g. -Header @{{ 'Access-Control-Allow-Origin' = '*' }}.");
            }
            var text = value ?? "";
            parameters[GatewayResponseTypes.HeaderPrefix + name] = MappedValue.IsMatch(text) ? text : "'" + text + "'";
        }
        return parameters;
    }

    /// <summary>Checks what AWS would refuse, before anything is sent; answers the settings with the type as AWS spells it.</summary>
    public GatewayResponseSettings Validate()
    {
        var type = GatewayResponseTypes.Canonical(ResponseType)
            ?? throw new GwValidationException(InvalidTypeErrorId, "ResponseType",
                $"'{ResponseType}' is not a gateway response type. Use one of: {string.Join(", ", GatewayResponseTypes.All)}.");
        if (StatusCode is < 100 or > 599)
        {
            throw new GwValidationException(InvalidStatusCodeErrorId, "StatusCode",
                $"{StatusCode} is not an HTTP status code: write one from 100 to 599, e.g. -StatusCode 403, or leave it out to keep the failure's own.");
        }
        foreach (var (key, value) in ResponseParameters)
        {
            if (!key.StartsWith(GatewayResponseTypes.HeaderPrefix, StringComparison.Ordinal)
                || !HeaderName.IsMatch(key[GatewayResponseTypes.HeaderPrefix.Length..]) || !MappedValue.IsMatch(value))
            {
                throw new GwValidationException(InvalidHeaderErrorId, "Header",
                    $"'{key}' = '{value}' cannot be a gateway response header: the key is gatewayresponse.header.<Name> and the value a quoted static value ('text') or method.request.header|querystring|path.<name>, stageVariables.<name> or context.<name>.");
            }
        }
        return this with { ResponseType = type };
    }

    /// <summary>The settings as the service shows them once put, to tell whether a put would change anything.</summary>
    public bool IsSetOn(GatewayResponse current) =>
        !current.DefaultResponse
        && current.StatusCode == StatusCode?.ToString(CultureInfo.InvariantCulture)
        && SameMap(current.ResponseParameters, ResponseParameters)
        && SameMap(current.ResponseTemplates, ResponseTemplates);

    /// <summary>Re-running a script converges: nothing is sent when the API already answers this type this way.</summary>
    public GwPlan<GatewayResponse> Plan(string restApiId, GatewayResponse? current)
    {
        var plan = new GwPlan<GatewayResponse>();
        if (current is not null && IsSetOn(current))
        {
            plan.Returns(current);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.PutGatewayResponse(restApiId, this)));
        }
        return plan;
    }

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

// Gateway responses: PutGatewayResponse, GetGatewayResponse, GetGatewayResponses, UpdateGatewayResponse, DeleteGatewayResponse.
public static partial class ApiGatewayOperations
{
    /// <summary>Replaces the API's response for the type (a PUT: repeating it is harmless).</summary>
    public static GwOperation<GatewayResponse> PutGatewayResponse(string restApiId, GatewayResponseSettings settings)
    {
        var body = new JsonObject()
            .Put("statusCode", settings.StatusCode?.ToString(CultureInfo.InvariantCulture))
            .Put("responseParameters", Json.ToJson(settings.ResponseParameters))
            .Put("responseTemplates", Json.ToJson(settings.ResponseTemplates));
        return Build("PutGatewayResponse", HttpMethod.Put, GatewayResponsePath(restApiId, settings.ResponseType), GatewayResponseReader(restApiId), body);
    }

    /// <summary>Every type's effective response: the API's where it has one, API Gateway's default otherwise.</summary>
    public static GwListing<GatewayResponse> GetGatewayResponses(string restApiId) =>
        Listing("GetGatewayResponses", GatewayResponsesPath(restApiId), null, GatewayResponseReader(restApiId));

    public static GwOperation<GatewayResponse> GetGatewayResponse(string restApiId, string responseType) =>
        Build("GetGatewayResponse", HttpMethod.Get, GatewayResponsePath(restApiId, responseType), GatewayResponseReader(restApiId));

    public static GwOperation<GatewayResponse> UpdateGatewayResponse(string restApiId, string responseType, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateGatewayResponse", HttpMethod.Patch, GatewayResponsePath(restApiId, responseType), GatewayResponseReader(restApiId), PatchBody(operations));

    /// <summary>Resets the type to API Gateway's default response.</summary>
    public static GwOperation DeleteGatewayResponse(string restApiId, string responseType) =>
        Build("DeleteGatewayResponse", HttpMethod.Delete, GatewayResponsePath(restApiId, responseType));

    private static string GatewayResponsesPath(string restApiId) => RestPath.Of("restapis", restApiId, "gatewayresponses");

    private static string GatewayResponsePath(string restApiId, string responseType) =>
        GatewayResponsesPath(restApiId) + RestPath.Of(responseType);

    /// <summary>AWS's GatewayResponse shape: responseType, statusCode, responseParameters, responseTemplates, defaultResponse.</summary>
    private static Func<JsonElement, GwConnection, GatewayResponse> GatewayResponseReader(string restApiId) =>
        (json, connection) => new GatewayResponse
        {
            Connection = connection,
            RestApiId = restApiId,
            ResponseType = json.Str("responseType") ?? "",
            StatusCode = json.Str("statusCode"),
            ResponseParameters = json.StringMap("responseParameters"),
            ResponseTemplates = json.StringMap("responseTemplates"),
            DefaultResponse = json.Bool("defaultResponse"),
        };
}
