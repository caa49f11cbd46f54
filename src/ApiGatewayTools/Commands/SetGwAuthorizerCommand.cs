namespace ApiGatewayTools.Commands;

/// <summary>Changes an authorizer's name, identity sources, validation expression, TTL or user pools; what is not given stays.</summary>
[Cmdlet(VerbsCommon.Set, "GwAuthorizer", SupportsShouldProcess = true)]
[OutputType(typeof(Authorizer))]
public sealed class SetGwAuthorizerCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AuthorizerId { get; set; } = "";

    /// <summary>A new name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    /// <summary>method.request.header.Name, method.request.querystring.name, stageVariables.name or context.name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IdentitySource { get; set; }

    /// <summary>A TOKEN authorizer's regular expression; an empty string removes it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? IdentityValidationExpression { get; set; }

    /// <summary>0 (not cached) to 3600 seconds.</summary>
    [Parameter]
    public int? ResultTtlInSeconds { get; set; }

    /// <summary>A Cognito authorizer's user pools (replacing the current ones).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ProviderArn { get; set; }

    protected override object? TargetOfError => AuthorizerId;

    protected override void ProcessItem()
    {
        AuthorizerSettings.ValidateResultTtl(ResultTtlInSeconds);
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var current = Await(ct => client.SendAsync(ApiGatewayOperations.GetAuthorizer(RestApiId, AuthorizerId), ct));
        var settings = AuthorizerSettings.From(current);
        settings = settings with
        {
            Name = NewName ?? settings.Name,
            IdentitySources = IdentitySource is null ? settings.IdentitySources : AuthorizerSettings.SplitIdentitySources(IdentitySource),
            IdentityValidationExpression = IdentityValidationExpression is null ? settings.IdentityValidationExpression
                : IdentityValidationExpression.Length == 0 ? null : IdentityValidationExpression,
            ResultTtlInSeconds = ResultTtlInSeconds ?? settings.ResultTtlInSeconds,
            ProviderArns = ProviderArn ?? settings.ProviderArns,
        };
        var patch = settings.Validate().Differences(current);
        if (patch.Count == 0)
        {
            WriteVerbose($"Authorizer {current} already has these settings; returning it.");
            WriteObject(current);
            return;
        }
        var operation = ApiGatewayOperations.UpdateAuthorizer(RestApiId, AuthorizerId, patch);
        if (!ShouldProcess($"authorizer {current} in REST API {RestApiId}", operation.ToString()))
        {
            return;
        }
        WriteObject(Await(ct => client.SendAsync(operation, ct)));
    }
}
