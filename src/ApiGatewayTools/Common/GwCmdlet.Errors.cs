namespace ApiGatewayTools.Common;

// Service errors that name the object: one place for every cmdlet, reading what it was given.
public abstract partial class GwCmdlet
{
    /// <summary>
    /// AWS's bare refusal ("Invalid Stage identifier specified") with the API's name and id, path, verb or stage
    /// and what to do (<see cref="ServiceErrorContext"/>). The subject is read from the parameters every cmdlet
    /// names alike (RestApiId, ResourceId, Path, HttpMethod, StageName, DeploymentId), so a new cmdlet gets this by naming
    /// its parameters as the others do. Any failure while explaining leaves the original error as it was.
    /// </summary>
    private GwServiceException Explained(GwServiceException error)
    {
        if (ErrorSubject() is not { } subject)
        {
            return error;
        }

        try
        {
            var client = Gateway(ResolveConnection());
            return Await(ct => ServiceErrorContext.ExplainAsync(client, error, subject, ct));
        }
        catch (Exception e) when (e is GwException or InvalidOperationException or OperationCanceledException)
        {
            return error;
        }
    }

    private GwErrorSubject? ErrorSubject()
    {
        var restApiId = ParameterText(nameof(GwRestApiCmdlet.RestApiId));
        return restApiId is null ? null : new GwErrorSubject
        {
            Command = MyInvocation.MyCommand.Name,
            RestApiId = restApiId,
            ResourceId = ParameterText(nameof(GwResourceCmdlet.ResourceId)),
            Path = ParameterText(nameof(GwResourceCmdlet.Path)),
            HttpMethod = ParameterText(nameof(GwMethodCmdlet.HttpMethod))?.ToUpperInvariant(),
            StageName = ParameterText("StageName"),
            DeploymentId = ParameterText("DeploymentId"),
            TakesName = MyInvocation.MyCommand.Parameters.ContainsKey("Name"),
        };
    }

    private string? ParameterText(string name) =>
        GetType().GetProperty(name)?.GetValue(this) is string { Length: > 0 } value ? value : null;
}
