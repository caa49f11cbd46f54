using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// What a method keeps per status code, its method responses or its integration's integration responses,
/// and the four operations on them: Put replaces, Get and Delete need the status code to exist, Update
/// patches a copy and swaps it in. Both kinds share this, so their rules cannot drift apart.
/// </summary>
/// <param name="operationSuffix">"MethodResponse" or "IntegrationResponse": the operations are Put, Get, Update and Delete of it.</param>
/// <param name="responsesOf">The method's map of this kind; it throws AWS's not-found error when the method has no place for one.</param>
/// <param name="read">Reads (and validates) a Put body for the status code.</param>
/// <param name="copy">A copy that patching may change.</param>
/// <param name="apply">Applies one patch operation, validating what it sets.</param>
/// <param name="ensureFits">Checks a put or patched response against its API (the models it names exist) before it is kept.</param>
internal sealed class StatusCodeResponses<TResponse>(
    GatewayState state,
    string operationSuffix,
    Func<MethodRecord, SortedDictionary<string, TResponse>> responsesOf,
    Func<string, JsonElement, TResponse> read,
    Func<TResponse, TResponse> copy,
    Action<TResponse, PatchOperation> apply,
    Action<RestApiRecord, TResponse> ensureFits,
    Action<Utf8JsonWriter, TResponse> write)
{
    public void Register(Router router, string path)
    {
        router.Map("PUT", path, "Put" + operationSuffix, Put);
        router.Map("GET", path, "Get" + operationSuffix, Get);
        router.Map("PATCH", path, "Update" + operationSuffix, Update);
        router.Map("DELETE", path, "Delete" + operationSuffix, Delete);
    }

    private GatewayResponse Put(GatewayRequest request)
    {
        var statusCode = MethodRoutes.ReadStatusCode(request);
        var response = read(statusCode, request.Json);
        return MethodRoutes.WithMethod(state, request, (api, method) =>
        {
            var responses = responsesOf(method);
            ensureFits(api, response);
            responses[statusCode] = response;
            return GatewayResponse.Json(201, w => write(w, response));
        });
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        var statusCode = MethodRoutes.ReadStatusCode(request);
        return MethodRoutes.WithMethod(state, request, method =>
        {
            var response = Find(responsesOf(method), statusCode);
            return GatewayResponse.Json(200, w => write(w, response));
        });
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var statusCode = MethodRoutes.ReadStatusCode(request);
        var operations = PatchOperation.ReadAll(request.Json);
        return MethodRoutes.WithMethod(state, request, (api, method) =>
        {
            var responses = responsesOf(method);
            var response = PatchOperation.ApplyAll(operations, copy(Find(responses, statusCode)), apply, updated => ensureFits(api, updated));
            responses[statusCode] = response;
            return GatewayResponse.Json(200, w => write(w, response));
        });
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        var statusCode = MethodRoutes.ReadStatusCode(request);
        return MethodRoutes.WithMethod(state, request, method =>
        {
            var responses = responsesOf(method);
            Find(responses, statusCode);
            responses.Remove(statusCode);
            return GatewayResponse.Empty(204);
        });
    }

    private static TResponse Find(SortedDictionary<string, TResponse> responses, string statusCode) =>
        responses.TryGetValue(statusCode, out var response)
            ? response
            : throw GatewayError.NotFound("Invalid Response status code specified");
}
