namespace ApiGatewayTools.Commands;

/// <summary>
/// Documents one part of a REST API: the API, a resource, a method, a parameter, a request body, a response or
/// a model. Creates the part when its location has none, replaces its content when it differs, and sends
/// nothing when it already says this. Piping a method (Get-GwMethod) or a resource documents that method or resource.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GwDocumentationPart", SupportsShouldProcess = true)]
[OutputType(typeof(DocumentationPart))]
public sealed class SetGwDocumentationPartCommand : GwRestApiCmdlet
{
    /// <summary>
    /// The kind of entity documented: API, AUTHORIZER, MODEL, RESOURCE, METHOD, PATH_PARAMETER, QUERY_PARAMETER,
    /// REQUEST_HEADER, REQUEST_BODY, RESPONSE, RESPONSE_HEADER or RESPONSE_BODY. When omitted: METHOD with
    /// -HttpMethod, RESOURCE with -Path alone, else API.
    /// </summary>
    [Parameter(Position = 0)]
    [Alias("Type")]
    [ArgumentCompleter(typeof(DocumentationLocationCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    // The pipeline-bound fields take null (a piped object without the field, e.g. a documentation part of a
    // resource has no HttpMethod), so that piping never fails on a field the location does not use.

    /// <summary>The resource's path, e.g. /pets/{petId}; binds from resources and methods.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ResourcePathArgument(nameof(Path))]
    public string? Path { get; set; }

    /// <summary>The resource's id, when a piped method carries no path.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ResourceId { get; set; }

    /// <summary>The method's verb, or * for every method; binds from methods.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string? HttpMethod { get; set; }

    /// <summary>The response's status code (100 to 599), or * for every response.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatusCode { get; set; }

    /// <summary>The parameter, header, model or authorizer documented, e.g. limit for a QUERY_PARAMETER.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The content: a hashtable (@{ summary = 'List pets' }) or a JSON object as text.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public object Property { get; set; } = null!;

    protected override object? TargetOfError => Path ?? RestApiId;

    protected override void ProcessItem()
    {
        var properties = DocumentationWorkflow.ContentOf(Property is string text ? text : PolicyArgument.Plain(Property), nameof(Property));
        var (path, resourceId, httpMethod) = (NullIfEmpty(Path), NullIfEmpty(ResourceId), NullIfEmpty(HttpMethod));
        var type = Location ?? (httpMethod is not null ? "METHOD" : path is not null || resourceId is not null ? "RESOURCE" : "API");
        var connection = ResolveConnection();
        var client = Gateway(connection);
        if (path is null && resourceId is not null && DocumentationLocation.TakesPath(type))
        {
            path = (Tree(connection, RestApiId).FindById(resourceId)
                ?? Await(ct => client.GetResourceAsync(RestApiId, resourceId, ct))).Path;
        }

        var location = DocumentationLocation.Create(type, path, httpMethod, StatusCode, Name);
        location.EnsureExistsIn(Tree(connection, RestApiId));
        var existing = Await(ct => client.ListAsync(DocumentationWorkflow.Candidates(RestApiId, location), ct).ToListAsync(ct));
        var plan = DocumentationWorkflow.PlanPart(RestApiId, location, properties, existing);
        if (ApplyPlan(client, plan, $"documentation of {location} in REST API {RestApiId}", out var part))
        {
            WriteObject(part);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
