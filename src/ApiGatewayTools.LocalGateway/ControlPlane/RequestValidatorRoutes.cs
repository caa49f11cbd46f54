using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>A request validator of one REST API: which parts of a method request API Gateway checks.</summary>
internal sealed record RequestValidatorRecord
{
    public required string Id { get; init; }
    public string? Name { get; set; }
    public bool ValidateRequestBody { get; set; }
    public bool ValidateRequestParameters { get; set; }
}

/// <summary>
/// CreateRequestValidator, GetRequestValidators, GetRequestValidator, UpdateRequestValidator and
/// DeleteRequestValidator: the kind's record, JSON, patch paths and routes in one place. Validators live
/// in their API's store; methods name one by requestValidatorId. Enforcing them on invoke is not modelled yet.
/// </summary>
internal sealed class RequestValidatorRoutes(GatewayState state) : IRouteArea
{
    public void Register(Router router) =>
        router.MapCollection("RequestValidator", "/restapis/{restapi_id}/requestvalidators", "requestvalidator_id", Create, List, Get, Update, Delete);

    /// <summary>
    /// What PutMethod and UpdateMethod check: a method may name only a validator of its own API, and API
    /// Gateway answers 400 (not 404) when it names another.
    /// </summary>
    public static void EnsureExists(RestApiRecord api, string? requestValidatorId)
    {
        if (requestValidatorId is not null && !api.RequestValidators.ContainsKey(requestValidatorId))
        {
            throw GatewayError.BadRequest("Invalid Request Validator identifier specified");
        }
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var validator = api.RequestValidators.Add(new RequestValidatorRecord
            {
                Id = api.RequestValidators.NewId(IdGenerator.NewResourceId),
                Name = JsonRead.String(body, "name"),
                ValidateRequestBody = JsonRead.Bool(body, "validateRequestBody") ?? false,
                ValidateRequestParameters = JsonRead.Bool(body, "validateRequestParameters") ?? false,
            });
            return GatewayResponse.Json(201, w => Write(w, validator));
        }
    }

    private GatewayResponse List(GatewayRequest request)
    {
        lock (state.Sync)
        {
            return state.RestApis.Get(request.Route("restapi_id")).RequestValidators.Page(request, Write);
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var validator = Validators(request).Get(request.Route("requestvalidator_id"));
            return GatewayResponse.Json(200, w => Write(w, validator));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var validators = Validators(request);
            var validator = validators.Replace(PatchOperation.ApplyAll(operations, validators.Get(request.Route("requestvalidator_id")) with { }, Apply));
            return GatewayResponse.Json(200, w => Write(w, validator));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var validators = Validators(request);
            validators.Remove(validators.Get(request.Route("requestvalidator_id")).Id);
            return GatewayResponse.Empty(202);
        }
    }

    private Store<RequestValidatorRecord> Validators(GatewayRequest request) =>
        state.RestApis.Get(request.Route("restapi_id")).RequestValidators;

    private static void Apply(RequestValidatorRecord validator, PatchOperation operation)
    {
        switch (operation.Segments[0])
        {
            case "name" when operation.Op == "replace":
                validator.Name = operation.Value;
                break;
            case "validateRequestBody" when operation.Op == "replace":
                validator.ValidateRequestBody = operation.BoolValue;
                break;
            case "validateRequestParameters" when operation.Op == "replace":
                validator.ValidateRequestParameters = operation.BoolValue;
                break;
            default:
                throw operation.Unsupported();
        }
    }

    private static void Write(Utf8JsonWriter writer, RequestValidatorRecord validator)
    {
        writer.WriteString("id", validator.Id);
        writer.OptionalString("name", validator.Name);
        writer.WriteBoolean("validateRequestBody", validator.ValidateRequestBody);
        writer.WriteBoolean("validateRequestParameters", validator.ValidateRequestParameters);
    }
}
