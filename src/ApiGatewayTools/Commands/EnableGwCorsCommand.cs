namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsLifecycle.Enable, "GwCors", SupportsShouldProcess = true)]
[OutputType(typeof(CorsConfiguration))]
public sealed class EnableGwCorsCommand : GwRestApiCmdlet
{
    /// <summary>One resource by id (binds from Add-GwResource and Get-GwResource).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ResourceId { get; set; }

    /// <summary>A resource path, or a pattern of them ('/pets*'); with neither -Path nor -ResourceId, every resource of the API.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The origins allowed to call the API: '*' (the default) or scheme://host[:port], one or more.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] AllowOrigin { get; set; } = ["*"];

    /// <summary>The verbs the preflight allows; by default each resource's own methods and OPTIONS.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string[]? AllowMethod { get; set; }

    /// <summary>The request headers the preflight allows; by default the console's: Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AllowHeader { get; set; }

    /// <summary>The response headers a page's script may read beyond the simple ones.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ExposeHeader { get; set; }

    /// <summary>How long, in seconds, a browser may cache the preflight's answer.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxAge { get; set; }

    /// <summary>Lets pages send cookies and authorization to the API (needs named origins, not '*').</summary>
    [Parameter]
    public SwitchParameter AllowCredentials { get; set; }

    protected override object? TargetOfError => ResourceId ?? Path ?? RestApiId;

    protected override void ProcessItem()
    {
        var settings = new CorsSettings
        {
            AllowOrigins = AllowOrigin,
            AllowMethods = AllowMethod,
            AllowHeaders = AllowHeader ?? CorsSettings.ConsoleAllowHeaders,
            ExposeHeaders = ExposeHeader ?? [],
            MaxAge = MaxAge,
            AllowCredentials = AllowCredentials,
        }.Validate();
        if (Path is not null && !WildcardPattern.ContainsWildcardCharacters(Path))
        {
            ResourcePath.Parse(Path);
        }

        var connection = ResolveConnection();
        var client = Gateway(connection);
        var resources = Resources(Tree(connection, RestApiId));
        var errorResponses = CorsWorkflow.ErrorResponseTypes
            .Select(type => Await(ct => client.SendAsync(ApiGatewayOperations.GetGatewayResponse(RestApiId, type), ct)))
            .ToList();
        var cors = CorsWorkflow.For(RestApiId, resources, settings, errorResponses);
        // Before ShouldProcess, so -WhatIf shows what the plan leaves to the user too.
        foreach (var warning in cors.Warnings)
        {
            WriteWarning(warning);
        }

        var target = $"CORS on {Describe(cors.Paths)} in REST API {RestApiId}";
        if (cors.Plan.IsEmpty)
        {
            WriteVerbose($"{target} is already enabled with these settings; nothing to send.");
        }
        else if (!ShouldProcess(target, cors.Plan.ToString()))
        {
            return;
        }
        else
        {
            Await(ct => cors.Plan.ApplyStepsAsync(client, null, ct));
            // The tree's methods are now out of date: a later pipeline item reads them again.
            ForgetTree(connection, RestApiId);
        }

        WriteObject(new CorsConfiguration
        {
            Connection = connection,
            RestApiId = RestApiId,
            Paths = cors.Paths,
            AllowOrigin = settings.AllowOrigins,
            RequestsSent = cors.Plan.Steps.Count,
        });
    }

    private IReadOnlyList<RestApiResource> Resources(ResourceTree tree)
    {
        if (ResourceId is not null)
        {
            return [tree.FindById(ResourceId) ?? throw new GwNotFoundException("ResourceNotFound",
                $"REST API {RestApiId} has no resource with id {ResourceId}. List them with Get-GwResource -RestApiId {RestApiId}.")];
        }
        if (Path is null)
        {
            return tree.Resources.ToList();
        }
        if (!WildcardPattern.ContainsWildcardCharacters(Path))
        {
            return [ResourceWorkflow.FindOrThrow(tree, ResourcePath.Parse(Path))];
        }
        List<RestApiResource> matched;
        try
        {
            var pattern = new WildcardPattern(Path, WildcardOptions.None);
            matched = tree.Resources.Where(r => pattern.IsMatch(r.Path)).ToList();
        }
        catch (WildcardPatternException)
        {
            throw new GwValidationException("InvalidPathPattern", nameof(Path),
                $"-Path '{Path}' is not a valid wildcard pattern: use * and ? (and [a-z] with its closing bracket), e.g. '/pets*'.");
        }
        return matched.Count > 0 ? matched : throw new GwNotFoundException(ResourceWorkflow.PathNotFoundErrorId,
            $"No resource of REST API {RestApiId} matches '{Path}'. List them with Get-GwResource -RestApiId {RestApiId}.");
    }

    private static string Describe(IReadOnlyList<string> paths) => paths.Count switch
    {
        1 => paths[0],
        <= 3 => string.Join(", ", paths),
        _ => $"{paths.Count} resources ({paths[0]} ... {paths[^1]})",
    };
}
