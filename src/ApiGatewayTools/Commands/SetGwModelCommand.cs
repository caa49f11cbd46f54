namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwModel", SupportsShouldProcess = true)]
[OutputType(typeof(RestApiModel))]
public sealed class SetGwModelCommand : GwRestApiCmdlet
{
    /// <summary>The model to change, e.g. from Get-GwModel.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The new JSON Schema (draft 4): JSON text, a hashtable, or the path of a .json file.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Schema { get; set; }

    [Parameter]
    public string? Description { get; set; }

    protected override object? TargetOfError => Name;

    protected override void ProcessItem()
    {
        if (Schema is null && Description is null)
        {
            throw new GwValidationException("NothingToSet", "Schema", "Say what to change: -Schema, -Description, or both.");
        }
        var schema = Schema is null ? null : ModelSchemaCheck.Validate(RestApiId, ModelSchemaInput.Read(this, Schema));
        var client = Gateway(ResolveConnection());
        var current = Await(ct => client.SendAsync(ApiGatewayOperations.GetModel(RestApiId, Name), ct));
        var patch = new ModelSettings(Name, schema ?? current.Schema, current.ContentType, Description).Differences(current);
        if (patch.Count == 0)
        {
            WriteVerbose($"Model {Name} of REST API {RestApiId} already has these settings; returning it.");
            WriteObject(current);
            return;
        }
        var update = ApiGatewayOperations.UpdateModel(RestApiId, Name, patch);
        if (ShouldProcess($"model {Name} in REST API {RestApiId}", update.ToString()))
        {
            WriteObject(Await(ct => client.SendAsync(update, ct)));
        }
    }
}
