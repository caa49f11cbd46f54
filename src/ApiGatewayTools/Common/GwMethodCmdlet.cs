namespace ApiGatewayTools.Common;

/// <summary>Base of the cmdlets that act on one method's integration.</summary>
public abstract class GwMethodCmdlet : GwResourceCmdlet
{
    /// <summary>The method's verb (binds from Add-GwMethod's output).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string HttpMethod { get; set; } = "";

    /// <summary>Checks the input, then finds the resource: the common first steps.</summary>
    protected (GwConnection Connection, RestApiResource Resource, string Verb) Target()
    {
        var verb = HttpVerb.Normalize(HttpMethod);
        var (connection, resource) = LocateTarget();
        return (connection, resource, verb);
    }

    /// <summary>The method as it is now, with its responses and its integration's responses embedded.</summary>
    protected Method ReadMethod(GwConnection connection, RestApiResource resource, string verb) =>
        Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetMethod(RestApiId, resource.ResourceId, verb), ct)) with { Path = resource.Path };

    /// <summary>The method as the listing has it, so a plan leaves out what is in place already; null when it is not listed.</summary>
    protected static Method? Listed(RestApiResource resource, string verb) => resource.ResourceMethods.GetValueOrDefault(verb);

    /// <summary>
    /// Runs an integration plan (none of it when everything is in place) and writes what it changed into the listing,
    /// so the next command of the script plans on the method as it now is. Answers the integration.
    /// </summary>
    protected Integration ApplyIntegration(GwConnection connection, RestApiResource resource, string verb, GwPlan<Integration> plan)
    {
        if (plan.IsEmpty)
        {
            WriteVerbose($"The integration of {verb} {resource.Path} is in place with these settings; nothing sent.");
        }
        var answers = new List<object?>();
        var integration = Await(ct => plan.ApplyAsync(Gateway(connection), (_, answer) => answers.Add(answer), ct));
        if (Listed(resource, verb) is { } method)
        {
            Remember(connection, resource.WithMethod(IntegrationPlan.Applied(method, answers)));
        }
        else
        {
            // A method the listing does not know (made elsewhere since): the listing is behind, so it is read again.
            ForgetTree(connection, RestApiId);
        }
        return integration with { Path = resource.Path };
    }

    /// <summary>What a -WhatIf run of a Set-*Integration outputs for the next command of the pipeline.</summary>
    protected static Integration PlannedIntegration(RestApiResource resource, string verb, string type, string? uri) => new()
    {
        Connection = resource.Connection,
        RestApiId = resource.RestApiId,
        ResourceId = resource.ResourceId,
        Path = resource.Path,
        HttpMethod = verb,
        Type = type,
        Uri = uri,
    };
}
