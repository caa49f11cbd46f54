namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwStage", SupportsShouldProcess = true)]
[OutputType(typeof(Stage))]
public sealed class SetGwStageCommand : GwStageCmdlet
{
    /// <summary>The methods the method settings apply to, as 'GET /pets/{petId}'; every method ('*') when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(MethodPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] MethodPath { get; set; } = [];

    /// <summary>Steady-state requests per second (method setting).</summary>
    [Parameter]
    public double? ThrottlingRateLimit { get; set; }

    /// <summary>Requests allowed at once above the rate (method setting).</summary>
    [Parameter]
    public int? ThrottlingBurstLimit { get; set; }

    /// <summary>Whether the stage has a cache cluster (stage setting; AWS bills it by the hour).</summary>
    [Parameter]
    public bool? CacheClusterEnabled { get; set; }

    /// <summary>The cache cluster's size in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CacheClusterSizeCompleter))]
    [ValidateNotNullOrEmpty]
    public string? CacheClusterSize { get; set; }

    /// <summary>Whether answers are cached (method setting; needs the stage's cache cluster).</summary>
    [Parameter]
    public bool? CachingEnabled { get; set; }

    /// <summary>How long a cached answer is served, 0 to 3600 seconds (method setting).</summary>
    [Parameter]
    public int? CacheTtlInSeconds { get; set; }

    [Parameter]
    public bool? CacheDataEncrypted { get; set; }

    /// <summary>Whether a client needs execute-api:InvalidateCache permission to send Cache-Control: max-age=0.</summary>
    [Parameter]
    public bool? RequireAuthorizationForCacheControl { get; set; }

    /// <summary>What happens to an unauthorized Cache-Control: max-age=0.</summary>
    [Parameter]
    [ValidateSet("FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER")]
    public string? UnauthorizedCacheControlHeaderStrategy { get; set; }

    /// <summary>X-Ray tracing for the stage (stage setting).</summary>
    [Parameter]
    public bool? TracingEnabled { get; set; }

    /// <summary>CloudWatch metrics per method (method setting).</summary>
    [Parameter]
    public bool? MetricsEnabled { get; set; }

    /// <summary>Execution logging (method setting).</summary>
    [Parameter]
    [ValidateSet("OFF", "ERROR", "INFO")]
    public string? LoggingLevel { get; set; }

    /// <summary>Full request and response logging (method setting).</summary>
    [Parameter]
    public bool? DataTraceEnabled { get; set; }

    /// <summary>One line per request with $context variables; must include $context.requestId.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessLogFormat { get; set; }

    /// <summary>The CloudWatch Logs log group (or amazon-apigateway- Firehose stream) access logs go to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessLogDestinationArn { get; set; }

    /// <summary>Turns access logging off.</summary>
    [Parameter]
    public SwitchParameter RemoveAccessLog { get; set; }

    /// <summary>Stage variables to set: @{ backend = 'v2' }; a $null value removes one.</summary>
    [Parameter]
    public Hashtable? Variable { get; set; }

    /// <summary>The stage's description. Not bound from the pipeline, where a deployment's description arrives.</summary>
    [Parameter]
    public string? Description { get; set; }

    protected override void ProcessItem()
    {
        var settings = StagePatch.Validate(new StageSettings
        {
            Description = Description,
            CacheClusterEnabled = CacheClusterEnabled,
            CacheClusterSize = CacheClusterSize,
            TracingEnabled = TracingEnabled,
            Variables = Hashtables.ToNullableStringMap(Variable, nameof(Variable)) ?? new Dictionary<string, string?>(),
            AccessLogFormat = AccessLogFormat,
            AccessLogDestinationArn = AccessLogDestinationArn,
            RemoveAccessLog = RemoveAccessLog,
            MethodPaths = MethodPath,
            MethodSettings = new MethodSettingChanges
            {
                ThrottlingRateLimit = ThrottlingRateLimit,
                ThrottlingBurstLimit = ThrottlingBurstLimit,
                CachingEnabled = CachingEnabled,
                CacheTtlInSeconds = CacheTtlInSeconds,
                CacheDataEncrypted = CacheDataEncrypted,
                RequireAuthorizationForCacheControl = RequireAuthorizationForCacheControl,
                UnauthorizedCacheControlHeaderStrategy = UnauthorizedCacheControlHeaderStrategy,
                MetricsEnabled = MetricsEnabled,
                LoggingLevel = LoggingLevel,
                DataTraceEnabled = DataTraceEnabled,
            },
        });
        var connection = ResolveConnection();
        var client = Gateway(connection);
        if (settings.MethodPaths.Count > 0)
        {
            StagePatch.EnsureMethodsExist(settings, Tree(connection, RestApiId));
        }

        var current = ReadStage(client);
        if (!ApplyPlan(client, StagePatch.Plan(settings, current), $"stage {StageName} of REST API {RestApiId}", out var stage))
        {
            return;
        }

        if (settings.MethodSettings.CachingEnabled == true && !stage.CacheClusterEnabled)
        {
            WriteWarning($"Caching is on for {string.Join(", ", StagePatch.Targets(settings))} but stage {StageName} has no cache cluster, so nothing is cached: add -CacheClusterEnabled $true.");
        }

        WriteObject(stage);
    }
}
