using System.Collections;
using System.Management.Automation;
using ApiGatewayTools.Common;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.New, "GwRestApi", SupportsShouldProcess = true)]
[OutputType(typeof(RestApi))]
public sealed class NewGwRestApiCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>REGIONAL (default), EDGE or PRIVATE.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("REGIONAL", "EDGE", "PRIVATE")]
    public string EndpointType { get; set; } = "REGIONAL";

    /// <summary>Tags as a hashtable: @{ team = 'pets'; env = 'dev' }.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>Create the API even when one with the same name exists (AWS allows it; the module refuses by default).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    protected override object? TargetOfError => Name;

    protected override void ProcessItem()
    {
        var request = RestApiWorkflow.Validate(new CreateRestApiRequest
        {
            Name = Name,
            Description = Description,
            EndpointType = EndpointType,
            Tags = Hashtables.ToStringMap(Tag, "Tag"),
        });
        var connection = ResolveConnection();
        var client = Gateway(connection);
        if (!AllowDuplicateName)
            Await(ct => RestApiWorkflow.EnsureNameIsFreeAsync(client, Name, ct));
        var operation = ApiGatewayOperations.CreateRestApi(request);
        if (!ShouldProcess(Name, operation.ToString()))
            return;
        WriteObject(Await(ct => client.SendAsync(operation, ct)));
    }
}

[Cmdlet(VerbsCommon.Get, "GwRestApi", DefaultParameterSetName = ByName)]
[OutputType(typeof(RestApi))]
public sealed class GetGwRestApiCommand : GwCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>Name to match; wildcards allowed. All APIs when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    protected override object? TargetOfError => ParameterSetName == ById ? RestApiId : Name;

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (ParameterSetName == ById)
        {
            WriteObject(Await(ct => client.GetRestApiAsync(RestApiId, ct)));
            return;
        }
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        var apis = Await(ct => client.GetRestApisAsync(ct).ToListAsync(ct));
        var matched = apis.Where(a => pattern.IsMatch(a.Name)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (matched.Count == 0 && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            WriteError(ErrorRecords.From(new GwNotFoundException("RestApiNotFound",
                $"No REST API named '{Name}' in {client.Connection}. Create it with New-GwRestApi -Name '{Name}'."), Name));
            return;
        }
        WriteObject(matched, enumerateCollection: true);
    }
}

[Cmdlet(VerbsCommon.Remove, "GwRestApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwRestApiCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    /// <summary>Shown in the confirmation prompt when piped from Get-GwRestApi.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? Name { get; set; }

    protected override object? TargetOfError => RestApiId;

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        var target = Name is null ? RestApiId : $"{Name} ({RestApiId})";
        var operation = ApiGatewayOperations.DeleteRestApi(RestApiId);
        if (!ShouldProcess(target, operation.ToString()))
            return;
        Await(ct => client.SendAsync(operation, ct));
    }
}
