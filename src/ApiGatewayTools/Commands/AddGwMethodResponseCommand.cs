namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Add, "GwMethodResponse", SupportsShouldProcess = true)]
[OutputType(typeof(MethodResponse))]
public sealed class AddGwMethodResponseCommand : GwMethodCmdlet
{
    /// <summary>The status code the method may answer with: three digits, 100 to 599.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string StatusCode { get; set; } = "";

    /// <summary>The headers the response may carry: @{ 'method.response.header.Location' = $false } ($true: required).</summary>
    [Parameter]
    public Hashtable? ResponseParameter { get; set; }

    /// <summary>The model of the body per content type: @{ 'application/json' = 'Error' }.</summary>
    [Parameter]
    public Hashtable? ResponseModel { get; set; }

    protected override object? TargetOfError => StatusCode;

    protected override bool IsInputError(GwException e) => base.IsInputError(e) || e.ErrorId == ModelNotFoundErrorId;

    protected override void ProcessItem()
    {
        var request = new PutMethodResponseRequest
        {
            RestApiId = RestApiId,
            ResourceId = ResourceId ?? "",
            HttpMethod = HttpMethod,
            StatusCode = StatusCode,
            ResponseParameters = Hashtables.ToBoolMap(ResponseParameter, nameof(ResponseParameter)),
            ResponseModels = Hashtables.ToStringMap(ResponseModel, nameof(ResponseModel)),
        };
        MethodResponsePlan.Validated(request);
        var (connection, resource, verb) = Target();
        EnsureModelsExist(connection, request.ResponseModels);
        var method = ReadMethod(connection, resource, verb);
        var (plan, changes) = MethodResponsePlan.For(request with { ResourceId = resource.ResourceId, HttpMethod = verb }, method);
        if (!ApplyPlan(Gateway(connection), plan, $"method response {StatusCode} of {verb} {resource.Path} in REST API {RestApiId}", out var response))
        {
            return;
        }

        foreach (var change in changes)
        {
            WriteVerbose($"Method response {StatusCode} of {verb} {resource.Path}: {change}");
        }
        WriteObject(response with { Path = resource.Path });
    }
}
