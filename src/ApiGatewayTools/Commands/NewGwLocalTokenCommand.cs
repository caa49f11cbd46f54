using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.Auth;

namespace ApiGatewayTools.Commands;

/// <summary>
/// Signs a Cognito-style JWT (RS256) for a local user pool: an ID token (default) or an access token with scopes, with
/// the claims a test asks for, valid for -ExpiresIn or already expired (-Expired). Output: the token text, ready for
/// an Authorization header.
/// </summary>
[Cmdlet(VerbsCommon.New, "GwLocalToken")]
[OutputType(typeof(string))]
public sealed class NewGwLocalTokenCommand : PSCmdlet
{
    /// <summary>The pool: its name, id or ProviderArn (a piped New-GwLocalUserPool binds by ProviderArn).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderArn")]
    [ValidateNotNullOrEmpty]
    public string UserPool { get; set; } = "";

    /// <summary>The app client the token is for; the pool's first client by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>id (default) or access; methods with authorization scopes accept only access tokens.</summary>
    [Parameter]
    [ValidateSet("id", "access")]
    public string TokenUse { get; set; } = "id";

    /// <summary>Claims to add or override: @{ email = 'a@example.com'; 'custom:tier' = 'gold' }.</summary>
    [Parameter]
    public Hashtable? Claim { get; set; }

    /// <summary>An access token's scopes, e.g. pets/read.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Scope { get; set; } = [];

    /// <summary>How long the token is valid, in seconds (default 3600).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>A token that expired an hour ago, to test refusals.</summary>
    [Parameter]
    public SwitchParameter Expired { get; set; }

    protected override void ProcessRecord()
    {
        if (LocalGatewaySession.Current is not { } server)
        {
            ThrowTerminatingError(ErrorRecords.Input("LocalGatewayNotRunning",
                "No local gateway is running in this session. Start one with Start-GwLocalGateway and create a pool with New-GwLocalUserPool.", UserPool, ErrorCategory.InvalidOperation));
            return;
        }
        var pool = server.UserPools.FirstOrDefault(p => UserPool == p.Name || UserPool == p.Id || UserPool == p.ProviderArn);
        if (pool is null)
        {
            ThrowTerminatingError(ErrorRecords.Input("UserPoolNotFound",
                $"The local gateway hosts no user pool '{UserPool}'. Create it with New-GwLocalUserPool -Name '{UserPool}', or pass its name, id or ProviderArn.", UserPool, ErrorCategory.ObjectNotFound));
            return;
        }
        if (TokenUse == "id" && Scope.Length > 0)
        {
            ThrowTerminatingError(ErrorRecords.Input("ScopeNeedsAccessToken",
                "Scopes travel in access tokens: add -TokenUse access.", UserPool));
            return;
        }
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Claim ?? [])
        {
            var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            claims[entry.Key.ToString()!] = value switch
            {
                string or bool or int or long or double => value,
                null => "",
                _ => value.ToString()!,
            };
        }
        var request = new LocalTokenRequest
        {
            ClientId = ClientId ?? pool.ClientIds[0],
            TokenUse = TokenUse,
            Scopes = Scope,
            Claims = claims,
            Lifetime = TimeSpan.FromSeconds(ExpiresIn),
            IssuedAt = Expired ? DateTimeOffset.UtcNow.AddSeconds(-ExpiresIn - 3600) : null,
        };
        try
        {
            WriteObject(pool.MintToken(request));
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "InvalidTokenRequest", ErrorCategory.InvalidArgument, ClientId));
        }
    }
}
