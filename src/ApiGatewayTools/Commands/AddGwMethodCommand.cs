namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Add, "GwMethod", SupportsShouldProcess = true)]
[OutputType(typeof(Method))]
public sealed class AddGwMethodCommand : GwResourceCmdlet
{
    /// <summary>GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string HttpMethod { get; set; } = "";

    /// <summary>
    /// NONE (default), AWS_IAM, CUSTOM or COGNITO_USER_POOLS; with -AuthorizerId or -Authorizer it follows from the
    /// authorizer (CUSTOM for a Lambda authorizer, COGNITO_USER_POOLS for Cognito) and may be left out.
    /// </summary>
    [Parameter]
    [ValidateSet("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS")]
    public string? AuthorizationType { get; set; }

    /// <summary>The id of the authorizer that checks callers, as New-GwAuthorizer outputs it; it must exist in the API.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuthorizerId { get; set; }

    /// <summary>The name of the authorizer that checks callers (instead of -AuthorizerId).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Authorizer { get; set; }

    /// <summary>OAuth scopes for a COGNITO_USER_POOLS method: callers need an access token with one of them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AuthorizationScope { get; set; }

    [Parameter]
    public SwitchParameter ApiKeyRequired { get; set; }

    /// <summary>Request parameters the method accepts, name to required: @{ 'method.request.querystring.page' = $false }. Path variables are declared automatically.</summary>
    [Parameter]
    public Hashtable? RequestParameter { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OperationName { get; set; }

    /// <summary>The request validator that checks callers' requests, by name or id (New-GwRequestValidator makes one).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RequestValidator { get; set; }

    /// <summary>The body's model for each content type, e.g. @{ 'application/json' = 'Pet' } (New-GwModel makes one); a validator that checks bodies uses it.</summary>
    [Parameter]
    public Hashtable? RequestModel { get; set; }

    /// <summary>The building cmdlets share one listing per API across a script (see <see cref="SharedReads"/>).</summary>
    protected override bool SharesTrees => true;

    protected override void ProcessItem()
    {
        var verb = HttpVerb.Normalize(HttpMethod);
        if (AuthorizerId is not null && Authorizer is not null)
        {
            throw new GwValidationException(MethodWorkflow.AuthorizerRequiredErrorId, "Authorizer", "Name the authorizer once: -AuthorizerId or -Authorizer, not both.");
        }
        var requested = AuthorizationType?.ToUpperInvariant();
        if (AuthorizerId is null && Authorizer is null)
        {
            MethodWorkflow.AuthorizationTypeFor(requested, null, AuthorizationScope);
        }
        var declared = Hashtables.ToBoolMap(RequestParameter, nameof(RequestParameter));
        MethodWorkflow.ValidateRequestParameters(declared);
        var models = Hashtables.ToStringMap(RequestModel, nameof(RequestModel));
        MethodWorkflow.ValidateRequestModels(models);
        var (connection, resource) = LocateTarget();
        var authorizer = FindAuthorizer(connection);
        var validator = FindRequestValidator(connection);
        EnsureModelsExist(connection, models);
        var authorizationType = MethodWorkflow.AuthorizationTypeFor(requested, authorizer, AuthorizationScope);
        var request = new PutMethodRequest
        {
            RestApiId = RestApiId,
            ResourceId = resource.ResourceId,
            HttpMethod = verb,
            AuthorizationType = authorizationType,
            AuthorizerId = authorizer?.AuthorizerId,
            AuthorizationScopes = AuthorizationScope,
            ApiKeyRequired = ApiKeyRequired,
            OperationName = OperationName,
            RequestParameters = MethodWorkflow.WithPathParameters(ResourcePath.Parse(resource.Path), declared),
            RequestValidatorId = validator?.RequestValidatorId,
            RequestModels = models,
        };

        var plan = MethodWorkflow.PlanPut(resource, request);
        if (plan.IsEmpty)
        {
            WriteVerbose($"{verb} {resource.Path} already exists with these settings; returning it.");
            WriteObject(resource.ResourceMethods[verb]);
            return;
        }
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", plan.ToString(), () => new Method
        {
            Connection = connection,
            RestApiId = RestApiId,
            ResourceId = resource.ResourceId,
            Path = resource.Path,
            HttpMethod = verb,
            AuthorizationType = authorizationType,
            AuthorizerId = request.AuthorizerId,
            ApiKeyRequired = ApiKeyRequired,
            OperationName = OperationName,
        }))
        {
            return;
        }

        var method = Await(ct => plan.ApplyAsync(Gateway(connection), ct)) with { Path = resource.Path };
        Remember(connection, resource.WithMethod(method));
        WriteObject(method);
    }

    protected override bool IsInputError(GwException e) =>
        base.IsInputError(e) || e.ErrorId is AuthorizerNotFoundErrorId or RequestValidatorNotFoundErrorId or ModelNotFoundErrorId;

    private const string AuthorizerNotFoundErrorId = "AuthorizerNotFound";
    private const string RequestValidatorNotFoundErrorId = "RequestValidatorNotFound";

    /// <summary>The validator -RequestValidator names (by name first, else by id), read before anything is sent; null without one.</summary>
    private RequestValidator? FindRequestValidator(GwConnection connection)
    {
        if (RequestValidator is null)
        {
            return null;
        }
        var all = Await(ct => Gateway(connection).ListAsync(ApiGatewayOperations.GetRequestValidators(RestApiId), ct).ToListAsync(ct));
        return all.FirstOrDefault(v => string.Equals(v.Name, RequestValidator, StringComparison.Ordinal))
            ?? all.FirstOrDefault(v => v.RequestValidatorId == RequestValidator)
            ?? throw new GwNotFoundException(RequestValidatorNotFoundErrorId,
                $"REST API {RestApiId} has no request validator named (or with id) '{RequestValidator}'. Create it with "
                + $"New-GwRequestValidator -RestApiId {RestApiId} -Name '{RequestValidator}' -ValidateRequestBody -ValidateRequestParameters; nothing was changed.");
    }

    /// <summary>The authorizer -AuthorizerId or -Authorizer names, read before anything is sent; null when neither is given.</summary>
    private Authorizer? FindAuthorizer(GwConnection connection)
    {
        var client = Gateway(connection);
        if ((AuthorizerId is not null || Authorizer is not null) && PlannedId.AnyPlanned(RestApiId, AuthorizerId))
        {
            // An authorizer in a planned API, or one planned upstream: -WhatIf plans with it as named, reading nothing.
            return new Authorizer
            {
                Connection = connection,
                RestApiId = RestApiId,
                AuthorizerId = AuthorizerId ?? PlannedId.For("Authorizer", Authorizer!),
                Name = Authorizer ?? "",
                Type = AuthorizationType?.ToUpperInvariant() == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "TOKEN",
            };
        }
        if (AuthorizerId is not null)
        {
            try
            {
                return Await(ct => client.SendAsync(ApiGatewayOperations.GetAuthorizer(RestApiId, AuthorizerId), ct));
            }
            catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
            {
                throw new GwNotFoundException(AuthorizerNotFoundErrorId,
                    $"REST API {RestApiId} has no authorizer {AuthorizerId}. List them with Get-GwAuthorizer -RestApiId {RestApiId}, or create one with New-GwAuthorizer; nothing was changed.");
            }
        }
        if (Authorizer is null)
        {
            return null;
        }
        var all = Await(ct => client.ListAsync(ApiGatewayOperations.GetAuthorizers(RestApiId), ct).ToListAsync(ct));
        return all.FirstOrDefault(a => string.Equals(a.Name, Authorizer, StringComparison.Ordinal))
            ?? throw new GwNotFoundException(AuthorizerNotFoundErrorId,
                $"REST API {RestApiId} has no authorizer named '{Authorizer}'. Create it with New-GwAuthorizer -RestApiId {RestApiId} -Name '{Authorizer}'; nothing was changed.");
    }
}
