namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.New, "GwModel", SupportsShouldProcess = true)]
[OutputType(typeof(RestApiModel))]
public sealed class NewGwModelCommand : GwRestApiCmdlet
{
    /// <summary>The model's name, letters and digits only; methods and a re-run find the model by it. Not bound from the pipeline, where the API's own Name arrives.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The JSON Schema (draft 4): JSON text, a hashtable, or the path of a .json file. A $ref to another model of the API reads https://apigateway.amazonaws.com/restapis/{api}/models/{name}.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public object Schema { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ContentType { get; set; } = ModelSettings.DefaultContentType;

    [Parameter]
    public string? Description { get; set; }

    protected override void ProcessItem()
    {
        var settings = new ModelSettings(Name, ModelSchemaInput.Read(this, Schema), ContentType, Description).Validate(RestApiId);
        var client = Gateway(ResolveConnection());
        var existing = Await(ct => client.ListAsync(ApiGatewayOperations.GetModels(RestApiId), ct).ToListAsync(ct));
        var plan = settings.Plan(RestApiId, existing);
        if (plan.IsEmpty)
        {
            WriteVerbose($"Model {Name} already exists in REST API {RestApiId} with this schema; returning it.");
        }
        else if (!ShouldProcess($"model {Name} in REST API {RestApiId}", plan.ToString()))
        {
            return;
        }

        WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
    }
}
