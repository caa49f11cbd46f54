using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

/// <summary>What a request validator checks; its name is how a script finds it again.</summary>
public sealed record RequestValidatorSettings(string Name, bool ValidateRequestBody, bool ValidateRequestParameters)
{
    public const string InvalidNameErrorId = "InvalidRequestValidatorName";

    /// <summary>AWS accepts a validator without a name, but a script could never find it again by name.</summary>
    public RequestValidatorSettings Validate() => string.IsNullOrWhiteSpace(Name)
        ? throw new GwValidationException(InvalidNameErrorId, "Name", "A request validator needs a name, e.g. -Name body-only.")
        : this;

    /// <summary>
    /// Re-running a script converges: a validator of this name is created when there is none, updated when its
    /// checks differ, and answered as it is (an empty plan) when it already has them.
    /// </summary>
    public GwPlan<RequestValidator> Plan(string restApiId, IEnumerable<RequestValidator> existing)
    {
        var plan = new GwPlan<RequestValidator>();
        if (existing.FirstOrDefault(v => string.Equals(v.Name, Name, StringComparison.Ordinal)) is not { } current)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.CreateRequestValidator(restApiId, this)));
            return plan;
        }
        var patch = new List<PatchOperation>();
        if (current.ValidateRequestBody != ValidateRequestBody)
        {
            patch.Add(new("replace", "/validateRequestBody", ValidateRequestBody ? "true" : "false"));
        }

        if (current.ValidateRequestParameters != ValidateRequestParameters)
        {
            patch.Add(new("replace", "/validateRequestParameters", ValidateRequestParameters ? "true" : "false"));
        }

        if (patch.Count == 0)
        {
            plan.Returns(current);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateRequestValidator(restApiId, current.RequestValidatorId, patch)));
        }

        return plan;
    }
}

// Request validators: CreateRequestValidator, GetRequestValidators, GetRequestValidator, UpdateRequestValidator, DeleteRequestValidator.
public static partial class ApiGatewayOperations
{
    public static GwOperation<RequestValidator> CreateRequestValidator(string restApiId, RequestValidatorSettings settings)
    {
        var body = new JsonObject
        {
            ["name"] = settings.Name,
            ["validateRequestBody"] = settings.ValidateRequestBody,
            ["validateRequestParameters"] = settings.ValidateRequestParameters,
        };
        // A validator with the name and the settings asked for is the one a lost attempt made.
        return Build("CreateRequestValidator", HttpMethod.Post, RequestValidatorsPath(restApiId), RequestValidatorReader(restApiId), body)
            .ReconciledBy((client, _, ct) => client.FindAsync(GetRequestValidators(restApiId),
                v => v.Name == settings.Name && v.ValidateRequestBody == settings.ValidateRequestBody && v.ValidateRequestParameters == settings.ValidateRequestParameters, ct));
    }

    public static GwListing<RequestValidator> GetRequestValidators(string restApiId) =>
        Listing("GetRequestValidators", RequestValidatorsPath(restApiId), null, RequestValidatorReader(restApiId));

    public static GwOperation<RequestValidator> GetRequestValidator(string restApiId, string requestValidatorId) =>
        Build("GetRequestValidator", HttpMethod.Get, RequestValidatorPath(restApiId, requestValidatorId), RequestValidatorReader(restApiId));

    public static GwOperation<RequestValidator> UpdateRequestValidator(string restApiId, string requestValidatorId, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateRequestValidator", HttpMethod.Patch, RequestValidatorPath(restApiId, requestValidatorId), RequestValidatorReader(restApiId), PatchBody(operations));

    public static GwOperation DeleteRequestValidator(string restApiId, string requestValidatorId) =>
        Build("DeleteRequestValidator", HttpMethod.Delete, RequestValidatorPath(restApiId, requestValidatorId));

    private static string RequestValidatorsPath(string restApiId) => RestPath.Of("restapis", restApiId, "requestvalidators");

    private static string RequestValidatorPath(string restApiId, string requestValidatorId) =>
        RequestValidatorsPath(restApiId) + RestPath.Of(requestValidatorId);

    /// <summary>AWS's RequestValidator shape: id, name, validateRequestBody, validateRequestParameters.</summary>
    private static Func<JsonElement, GwConnection, RequestValidator> RequestValidatorReader(string restApiId) =>
        (json, connection) => new RequestValidator
        {
            Connection = connection,
            RestApiId = restApiId,
            RequestValidatorId = json.Str("id") ?? "",
            Name = json.Str("name") ?? "",
            ValidateRequestBody = json.Bool("validateRequestBody"),
            ValidateRequestParameters = json.Bool("validateRequestParameters"),
        };
}
