namespace ApiGatewayTools.Commands;

/// <summary>
/// Creates an authorizer (or converges the one of this name): a Lambda function that checks a token (TOKEN) or the
/// request's identity sources (REQUEST), with the invoke permission scoped to exactly this authorizer; or Cognito
/// user pools (COGNITO_USER_POOLS).
/// </summary>
[Cmdlet(VerbsCommon.New, "GwAuthorizer", SupportsShouldProcess = true, DefaultParameterSetName = LambdaSet)]
[OutputType(typeof(Authorizer))]
public sealed class NewGwAuthorizerCommand : GwRestApiCmdlet
{
    private const string LambdaSet = "Lambda";
    private const string CognitoSet = "Cognito";

    /// <summary>The authorizer's name; a re-run finds the authorizer again by it. Not bound from the pipeline, where the API's own Name arrives.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>TOKEN (default: a bearer token in one header), REQUEST (headers, query strings, stage variables, context) or COGNITO_USER_POOLS.</summary>
    [Parameter]
    [ValidateSet("TOKEN", "REQUEST", "COGNITO_USER_POOLS")]
    public string Type { get; set; } = "TOKEN";

    /// <summary>The Lambda function that decides: name, partial or full ARN, optionally with :alias or :version.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LambdaSet)]
    [ValidateNotNullOrEmpty]
    [Alias("FunctionArn")]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>The user pools whose tokens are accepted: arn:aws:cognito-idp:region:account:userpool/region_Id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CognitoSet)]
    [ValidateNotNullOrEmpty]
    public string[] ProviderArn { get; set; } = [];

    /// <summary>
    /// Where the identity is: method.request.header.Name, method.request.querystring.name, stageVariables.name or
    /// context.name. TOKEN and COGNITO_USER_POOLS take one header (default method.request.header.Authorization).
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IdentitySource { get; set; }

    /// <summary>A TOKEN authorizer's regular expression: a token that does not match is refused (401) without calling the function.</summary>
    [Parameter(ParameterSetName = LambdaSet)]
    [ValidateNotNullOrEmpty]
    public string? IdentityValidationExpression { get; set; }

    /// <summary>How long a decision is cached per identity: 0 (not cached) to 3600 seconds; API Gateway's default is 300.</summary>
    [Parameter]
    public int? ResultTtlInSeconds { get; set; }

    /// <summary>Leave the function's resource policy alone (you manage lambda:InvokeFunction yourself).</summary>
    [Parameter(ParameterSetName = LambdaSet)]
    public SwitchParameter SkipPermission { get; set; }

    protected override bool IsInputError(GwException e) =>
        base.IsInputError(e) || e.ErrorId == LambdaIntegrationWorkflow.FunctionNotFoundErrorId;

    protected override void ProcessItem()
    {
        var cognito = ParameterSetName == CognitoSet;
        if (cognito != (Type == "COGNITO_USER_POOLS"))
        {
            throw new GwValidationException(AuthorizerSettings.InvalidErrorId, "Type", cognito
                ? "-ProviderArn makes a Cognito authorizer: use it with -Type COGNITO_USER_POOLS."
                : "-Type COGNITO_USER_POOLS needs -ProviderArn (the user pools), not -FunctionName.");
        }
        var sources = AuthorizerSettings.SplitIdentitySources(IdentitySource);
        var settings = new AuthorizerSettings
        {
            Name = Name,
            Type = Type,
            ProviderArns = ProviderArn,
            IdentitySources = sources.Count == 0 && Type != "REQUEST" ? [AuthorizerSettings.DefaultIdentitySource] : sources,
            IdentityValidationExpression = IdentityValidationExpression,
            ResultTtlInSeconds = ResultTtlInSeconds,
        };
        // Everything that can be checked without the service fails here, before the function is looked up.
        settings.Validate();
        var function = cognito ? null : LambdaFunctionReference.Parse(FunctionName);
        var connection = ResolveConnection();
        var existing = ListInApi(Gateway(connection), ApiGatewayOperations.GetAuthorizers(RestApiId));
        var planned = Await(ct => AuthorizerWorkflow.PlanAsync(Lambda(connection), RestApiId, settings, function, existing, SkipPermission, ct));
        var plan = planned.Plan;
        if (plan.IsEmpty)
        {
            WriteVerbose($"Authorizer {Name} already exists in REST API {RestApiId} with these settings; returning it.");
        }
        else if (!ShouldProcess($"authorizer {Name} in REST API {RestApiId}", plan.ToString(), () => new Authorizer
        {
            Connection = connection,
            RestApiId = RestApiId,
            AuthorizerId = PlannedId.For("Authorizer", Name),
            Name = Name,
            Type = Type,
        }))
        {
            return;
        }

        var authorizer = Await(ct => plan.ApplyAsync(Gateway(connection), ct));
        if (planned.Permission is not null)
        {
            WriteVerbose($"Granted apigateway.amazonaws.com lambda:InvokeFunction on {planned.FunctionArn} for authorizer {authorizer.AuthorizerId} (statement {planned.Permission.StatementId}).");
        }
        WriteObject(authorizer);
    }
}
