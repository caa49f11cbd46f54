namespace ApiGatewayTools.Common;

/// <summary>
/// Base of the cmdlets that address a resource (and its methods) by -ResourceId or -Path. Both bind from the
/// pipeline; the id wins when both arrive. One resource listing per API serves the whole pipeline.
/// </summary>
public abstract class GwResourceCmdlet : GwRestApiCmdlet
{
    /// <summary>The resource's id, as Add-GwResource and Get-GwResource output it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ResourceId { get; set; }

    /// <summary>The resource's path, e.g. /pets/{petId}.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ResourcePathCompleter))]
    [ValidateNotNullOrEmpty]
    [ResourcePathArgument(nameof(Path))]
    public string? Path { get; set; }

    protected override object? TargetOfError => ResourceId ?? Path ?? RestApiId;

    /// <summary>The parsed -Path, checked before any request; null when only -ResourceId was given.</summary>
    protected ResourcePath? ParsedPath() => Path is null ? null : ResourcePath.Parse(Path);

    /// <summary>Bad input for a cmdlet that needs a resource: neither -ResourceId nor -Path.</summary>
    protected void RequireResourceAddress()
    {
        if (ResourceId is null && Path is null)
        {
            throw new Engine.Errors.GwValidationException("ResourceNotSpecified", "Path",
                "Say which resource: pass -Path (e.g. /pets/{petId}) or -ResourceId, or pipe in the output of Add-GwResource or Get-GwResource.");
        }
    }

    /// <summary>Checks the address first (no request for bad input), then finds the resource.</summary>
    protected (GwConnection Connection, RestApiResource Resource) LocateTarget()
    {
        RequireResourceAddress();
        ParsedPath();
        var connection = ResolveConnection();
        return (connection, LocateResource(connection));
    }

    /// <summary>The addressed resource (with its path), from the cached tree when it is known there.</summary>
    protected RestApiResource LocateResource(GwConnection connection)
    {
        RequireResourceAddress();
        var path = ParsedPath();
        if (PlannedId.IsPlanned(ResourceId) || (PlannedId.IsPlanned(RestApiId) && ResourceId is null && path is not null))
        {
            // Planned upstream by -WhatIf: it does not exist yet, so it has no methods and nothing to read.
            return new RestApiResource { Connection = connection, RestApiId = RestApiId, ResourceId = ResourceId ?? PlannedId.For("Resource", path!.ToString()), Path = Path ?? ResourceId! };
        }
        // A building cmdlet lists the API once for the whole script rather than reading one resource per item.
        var tree = UsesSharedTrees ? Tree(connection, RestApiId) : CachedTree(connection, RestApiId);
        if (ResourceId is not null && tree?.FindById(ResourceId) is { } known)
        {
            return known;
        }

        if (ResourceId is not null)
        {
            return Await(ct => Gateway(connection).GetResourceAsync(RestApiId, ResourceId, ct));
        }

        return ResourceWorkflow.FindOrThrow(Tree(connection, RestApiId), path!);
    }
}
