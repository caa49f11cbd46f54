namespace ApiGatewayTools.Commands;

/// <summary>
/// Builds the common resource policies: only some source IP ranges, never some ranges, only some accounts,
/// for the whole API or one stage. Sends nothing: pass the result to Set-GwRestApi -Policy (or ConvertTo-Json
/// it to see or keep the document).
/// </summary>
[Cmdlet(VerbsCommon.New, "GwResourcePolicy")]
[OutputType(typeof(ResourcePolicy))]
public sealed class NewGwResourcePolicyCommand : PSCmdlet
{
    /// <summary>Only callers from these IPv4 or IPv6 CIDR ranges may call; everyone else is explicitly denied.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] AllowSourceIp { get; set; } = [];

    /// <summary>Callers from these CIDR ranges are explicitly denied.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] DenySourceIp { get; set; } = [];

    /// <summary>Only these AWS accounts (12-digit ids) are allowed, instead of everyone; their callers sign requests to AWS_IAM methods.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] AllowAccount { get; set; } = [];

    /// <summary>Names the API in the policy's resources; without it they are "execute-api:/...", which AWS completes with the API the policy is set on.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RestApiId { get; set; }

    /// <summary>Limits the policy to one stage; without it, every stage.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Stage")]
    public string? StageName { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(ResourcePolicyDocument.Build(new ResourcePolicyRequest
            {
                AllowSourceIp = AllowSourceIp,
                DenySourceIp = DenySourceIp,
                AllowAccount = AllowAccount,
                RestApiId = RestApiId,
                StageName = StageName,
            }));
        }
        catch (GwValidationException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, null));
        }
    }
}
