namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.New, "GwRequestValidator", SupportsShouldProcess = true)]
[OutputType(typeof(RequestValidator))]
public sealed class NewGwRequestValidatorCommand : GwRestApiCmdlet
{
    /// <summary>The validator's name; a re-run finds the validator again by it. Not bound from the pipeline, where the API's own Name arrives.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter]
    public SwitchParameter ValidateRequestBody { get; set; }

    [Parameter]
    public SwitchParameter ValidateRequestParameters { get; set; }

    protected override void ProcessItem()
    {
        var settings = new RequestValidatorSettings(Name, ValidateRequestBody, ValidateRequestParameters).Validate();
        var client = Gateway(ResolveConnection());
        var existing = ListInApi(client, ApiGatewayOperations.GetRequestValidators(RestApiId));
        var plan = settings.Plan(RestApiId, existing);
        if (plan.IsEmpty)
        {
            WriteVerbose($"Request validator {Name} already exists in REST API {RestApiId} with these checks; returning it.");
        }
        else if (!ShouldProcess($"request validator {Name} in REST API {RestApiId}", plan.ToString(), () => new RequestValidator
        {
            Connection = client.Connection,
            RestApiId = RestApiId,
            RequestValidatorId = PlannedId.For("RequestValidator", Name),
            Name = Name,
            ValidateRequestBody = ValidateRequestBody,
            ValidateRequestParameters = ValidateRequestParameters,
        }))
        {
            return;
        }

        WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
    }
}
