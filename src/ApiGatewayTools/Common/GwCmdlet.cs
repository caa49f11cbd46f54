using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;

namespace ApiGatewayTools.Common;

/// <summary>
/// Base of every AWS-facing cmdlet: the session parameters (-ProfileName, -Region, -EndpointUrl, -Credential),
/// the connection carried along the pipeline, Ctrl+C as cancellation, engine activity as -Verbose and
/// progress, and engine errors as PowerShell errors (bad input terminating, service failures per item).
/// </summary>
public abstract partial class GwCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly BlockingCollection<Action> _pending = new();
    private readonly Dictionary<GwConnectionOptions, GwConnection> _resolved = new();
    private readonly Dictionary<GwConnection, (ApiGatewayClient Gateway, LambdaClient Lambda)> _clients = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Endpoint, string RestApiId), ResourceTree> _trees = new();
    private ActivityListener? _listener;

    /// <summary>A profile from the shared AWS config/credentials files.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>The AWS region, e.g. eu-west-1.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary>Send requests here instead of AWS (a local gateway or another implementation).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    /// <summary>Access key id as user name, secret access key as password.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// How many times a failed call is tried again (throttling, 5xx, dropped connections), 0 for never; overrides
    /// AWS_MAX_ATTEMPTS and AWS_RETRY_MODE.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 50)]
    public int? MaxRetry { get; set; }

    /// <summary>The connection an upstream object came from; binds from the pipeline so a pipeline keeps its target.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public GwConnection? Connection { get; set; }

    protected override void StopProcessing() => _stopping.Cancel();

    protected sealed override void ProcessRecord() => Run(ProcessItem);

    /// <summary>After the last pipeline item: where a command that gathers its input (one plan of every piped stage) acts.</summary>
    protected sealed override void EndProcessing() => Run(EndItems);

    /// <summary>Engine errors as PowerShell errors: bad input terminating, a service failure non-terminating for the item.</summary>
    private void Run(Action work)
    {
        try
        {
            RefusePlannedInput();
            work();
        }
        catch (GwPlanIncompleteException e) when (e.Interrupted || _stopping.IsCancellationRequested)
        {
            // Ctrl+C part-way through: the pipeline is stopping and takes no more records, so the host is told
            // directly what exists and what does not.
            ReportInterrupted(e);
        }
        catch (GwException e) when (IsInputError(e))
        {
            ThrowTerminatingError(ErrorRecords.From(e, TargetOfError));
        }
        catch (GwServiceException e)
        {
            WriteError(ErrorRecords.From(Explained(e), TargetOfError));
        }
        catch (GwException e)
        {
            WriteError(ErrorRecords.From(e, TargetOfError));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell stops the pipeline itself.
        }
        catch (Exception e) when (e is not RuntimeException and not OperationCanceledException)
        {
            // A defect, not a service failure: still an ErrorRecord with a stable id, never a raw stack.
            WriteError(ErrorRecords.Internal(e, MyInvocation.MyCommand.Name, TargetOfError));
        }
    }

    protected abstract void ProcessItem();

    protected virtual void EndItems()
    {
    }

    private void ReportInterrupted(GwPlanIncompleteException e)
    {
        try
        {
            Host.UI.WriteWarningLine($"{MyInvocation.MyCommand.Name}: {e.Message}");
        }
        catch (Exception hostFailure) when (hostFailure is PipelineStoppedException or InvalidOperationException or NotImplementedException)
        {
            // A host without a UI: the interruption itself is all there is to report.
        }
    }

    /// <summary>What an error record names as its target (the item being processed).</summary>
    protected virtual object? TargetOfError => null;

    /// <summary>Errors about the caller's input or setup stop the command; service failures are per item.</summary>
    protected virtual bool IsInputError(GwException e) => e is GwValidationException or GwConfigurationException;

    /// <summary>The connection for the current item: explicit parameters win, then the piped one, then the session defaults.</summary>
    protected GwConnection ResolveConnection()
    {
        var explicitTarget = ProfileName is not null || Region is not null || EndpointUrl is not null || Credential is not null;
        if (!explicitTarget && Connection is not null)
        {
            return Connection;
        }

        var network = Credential?.GetNetworkCredential();
        var options = LocalGatewaySession.ApplyDefaults(new GwConnectionOptions
        {
            ProfileName = ProfileName,
            Region = Region,
            EndpointUrl = EndpointUrl,
            AccessKey = network?.UserName is { Length: > 0 } user ? user : null,
            SecretKey = network?.Password is { Length: > 0 } secret ? secret : null,
        });
        if (!_resolved.TryGetValue(options, out var connection))
        {
            connection = GwConnectionResolver.Resolve(options);
            _resolved[options] = connection;
        }
        return connection;
    }

    protected ApiGatewayClient Gateway(GwConnection connection) => ClientsFor(connection).Gateway;
    protected LambdaClient Lambda(GwConnection connection) => ClientsFor(connection).Lambda;

    private (ApiGatewayClient Gateway, LambdaClient Lambda) ClientsFor(GwConnection connection)
    {
        if (!_clients.TryGetValue(connection, out var clients))
        {
            _listener ??= new ActivityListener(this);
            var retry = GwRetrySettings.Resolve(MaxRetry);
            clients = (new ApiGatewayClient(connection, _listener, retry), new LambdaClient(connection, _listener, retry));
            _clients[connection] = clients;
        }
        return clients;
    }

    /// <summary>
    /// True for the cmdlets that build routes and keep a tree current with every change they make: they share trees
    /// across the commands of one script (<see cref="SharedReads"/>). Others list the API afresh for
    /// themselves, and any change they make drops the shared tree.
    /// </summary>
    protected virtual bool SharesTrees => false;

    /// <summary>A -WhatIf run plans against the API as it is now, not against what earlier commands remembered.</summary>
    protected bool UsesSharedTrees => SharesTrees && !WhatIfRun;

    private Dictionary<(string Endpoint, string RestApiId), ResourceTree> Trees =>
        UsesSharedTrees ? SharedReads.For(Runspace.DefaultRunspace, MyInvocation.HistoryId).Trees : _trees;

    /// <summary>One API's resources, listed once per pipeline (per script for the building cmdlets) and kept current as they change them.</summary>
    protected ResourceTree Tree(GwConnection connection, string restApiId)
    {
        var key = SharedReads.TreeKey(connection, restApiId);
        if (!Trees.TryGetValue(key, out var tree))
        {
            tree = PlannedId.IsPlanned(restApiId)
                ? ResourceTree.Planned(restApiId, connection)
                : Await(ct => ResourceTree.LoadAsync(Gateway(connection), restApiId, ct));
            Trees[key] = tree;
        }
        return tree;
    }

    protected ResourceTree? CachedTree(GwConnection connection, string restApiId) => Trees.GetValueOrDefault(SharedReads.TreeKey(connection, restApiId));

    /// <summary>Drops the cached tree after a change to its methods, so the next item reads it again.</summary>
    protected void ForgetTree(GwConnection connection, string restApiId) => Trees.Remove(SharedReads.TreeKey(connection, restApiId));

    /// <summary>Lambda functions and policies this script read, shared by the building cmdlets; null for the others (they read afresh).</summary>
    protected LambdaLookups? SharedLambdaLookups(GwConnection connection) =>
        UsesSharedTrees ? SharedReads.For(Runspace.DefaultRunspace, MyInvocation.HistoryId).LambdaFor(connection) : null;

    /// <summary>Keeps a listed tree current after this cmdlet changed a resource's methods.</summary>
    protected void Remember(GwConnection connection, RestApiResource resource) => CachedTree(connection, resource.RestApiId)?.Add(resource);

    /// <summary>
    /// A change this cmdlet does not write into the shared reads (any change by the other cmdlets; a failed or
    /// unanswered one by the sharing cmdlets, which may have been made or not) drops what it touched: the API's
    /// tree, or what was read of Lambda functions.
    /// </summary>
    private void ForgetChanged(GwRequestRecord record)
    {
        if (record.Method == "GET" || (UsesSharedTrees && record.StatusCode is >= 200 and < 300))
        {
            return;
        }
        var segments = record.Path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["restapis", var restApiId, ..] && segments.ElementAtOrDefault(2) is not ("deployments" or "stages"))
        {
            // Deployments and stages are snapshots and pointers to them: making them changes no resource or method.
            SharedReads.ForgetApi(Runspace.DefaultRunspace, Uri.UnescapeDataString(restApiId));
        }
        else if (segments is [_, "functions", ..])
        {
            SharedReads.ForgetFunctions(Runspace.DefaultRunspace);
        }
    }

    /// <summary>
    /// Runs engine work to completion on the pipeline thread's behalf, writing its verbose and progress
    /// messages here as they arrive (PowerShell only accepts them from this thread).
    /// </summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = Task.Run(() => work(_stopping.Token), _stopping.Token);
        task.ContinueWith(_ => _pending.Add(() => { }), TaskScheduler.Default);
        while (!task.IsCompleted || _pending.Count > 0)
        {
            if (_pending.TryTake(out var action, 100))
            {
                action();
            }
        }
        _listener?.CompleteProgress();
        return task.GetAwaiter().GetResult();
    }

    protected void Await(Func<CancellationToken, Task> work) =>
        Await<bool>(async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Runs work that is queued from the engine's threads on the pipeline thread.</summary>
    internal void Post(Action action) => _pending.Add(action);

    public void Dispose()
    {
        _stopping.Dispose();
        _pending.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Forwards engine activity to -Verbose and Write-Progress. Engine threads only queue; everything that writes
    /// runs on the pipeline thread, so the counters need no locks.
    /// </summary>
    private sealed class ActivityListener(GwCmdlet cmdlet) : IGwActivityListener
    {
        private const int ThrottleProgressId = 0x6177;
        private const int PagingProgressId = 0x7067;
        private static readonly HashSet<string> ListOperations = ["GetRestApis", "GetResources", "GetDeployments", "ListFunctions"];
        private readonly Dictionary<string, int> _pages = new(StringComparer.Ordinal);
        private readonly HashSet<(int Id, string Activity)> _shown = [];

        public void RequestCompleted(GwRequestRecord record) => cmdlet.Post(() =>
        {
            cmdlet.ForgetChanged(record);
            var status = record.StatusCode?.ToString() ?? "no response";
            var error = record.ErrorCode is null ? "" : $" {record.ErrorCode}";
            var attempt = record.Attempt > 1 ? $" (attempt {record.Attempt})" : "";
            cmdlet.WriteVerbose($"{record.Operation} {record.Method} {record.Path} -> {status}{error} in {record.Elapsed.TotalMilliseconds:0} ms{attempt}");
            if (record.StatusCode is 200 && ListOperations.Contains(record.Operation))
            {
                // A single page needs no progress bar; long listings (500 items a page) get one.
                var pages = _pages[record.Operation] = _pages.GetValueOrDefault(record.Operation) + 1;
                if (pages > 1)
                {
                    Show(PagingProgressId, $"Listing ({record.Operation})", $"{pages} pages read");
                }
            }
        });

        public void Waiting(string operation, TimeSpan delay, int attempt, string reason) => cmdlet.Post(() =>
        {
            cmdlet.WriteVerbose($"{operation}: {reason}; retrying in {delay.TotalSeconds:0.0} s (attempt {attempt + 1})");
            Show(ThrottleProgressId, $"Waiting to retry {operation}", reason, (int)Math.Ceiling(delay.TotalSeconds));
        });

        public void Pacing(string operation, TimeSpan wait) => cmdlet.Post(() =>
            cmdlet.WriteVerbose($"{operation}: held {wait.TotalSeconds:0.000} s to stay within API Gateway's per-account quota"));

        public void Reconciled(string operation, int attempt, string outcome) => cmdlet.Post(() =>
            cmdlet.WriteVerbose($"{operation} (attempt {attempt}): {outcome}"));

        /// <summary>Closes the progress bars this work opened, once it is done.</summary>
        public void CompleteProgress()
        {
            foreach (var (id, activity) in _shown)
            {
                cmdlet.WriteProgress(new ProgressRecord(id, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            _shown.Clear();
            _pages.Clear();
        }

        private void Show(int id, string activity, string status, int secondsRemaining = -1)
        {
            _shown.Add((id, activity));
            cmdlet.WriteProgress(new ProgressRecord(id, activity, status) { SecondsRemaining = secondsRemaining });
        }
    }
}
