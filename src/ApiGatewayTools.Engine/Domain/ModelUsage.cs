namespace ApiGatewayTools.Engine.Domain;

/// <summary>Where an API's methods name a model: API Gateway refuses to delete a model while any does.</summary>
public static class ModelUsage
{
    public const string InUseErrorId = "ModelInUse";

    /// <summary>Each method that names the model, as "POST /pets (request)" or "GET /pets (response 200)", in path order.</summary>
    public static IReadOnlyList<string> UsersOf(IEnumerable<RestApiResource> resources, string modelName)
    {
        var users = new List<string>();
        foreach (var resource in resources.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            foreach (var method in resource.ResourceMethods.Values.OrderBy(m => m.HttpMethod, StringComparer.Ordinal))
            {
                if (method.RequestModels.Values.Contains(modelName, StringComparer.Ordinal))
                {
                    users.Add($"{method.HttpMethod} {resource.Path} (request)");
                }
                foreach (var response in method.MethodResponses.Values.Where(r => r.ResponseModels.Values.Contains(modelName, StringComparer.Ordinal)))
                {
                    users.Add($"{method.HttpMethod} {resource.Path} (response {response.StatusCode})");
                }
            }
        }
        return users;
    }

    /// <summary>The refusal, naming the methods and what to do first.</summary>
    public static GwValidationException InUse(string restApiId, string modelName, IReadOnlyList<string> users) =>
        new(InUseErrorId, "Name",
            $"Model {modelName} of REST API {restApiId} is used by {string.Join(", ", users)}. Point those methods at another model "
            + "(Add-GwMethod -RequestModel, Add-GwMethodResponse -ResponseModel) or remove them (Remove-GwMethod, Remove-GwMethodResponse) first; nothing was deleted.");
}
