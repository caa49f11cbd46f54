namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// Everything a command will send, in order. -WhatIf prints this list and <see cref="ApplyAsync"/> sends exactly
/// these operations, so the preview cannot drift from what is sent. A later step may name an earlier step's
/// answer (<see cref="GwPlanStep{T}.Refer"/>): -WhatIf shows it as "{id of /x}", apply fills it in.
/// </summary>
public class GwPlan
{
    private readonly List<GwPlanStep> _steps = [];

    public IReadOnlyList<GwPlanStep> Steps => _steps;
    public bool IsEmpty => _steps.Count == 0;

    /// <summary>
    /// Adds a step. <paramref name="recover"/> answers for a step the service refused with a conflict (someone
    /// else did the same first): it returns the result to carry on with, or throws.
    /// </summary>
    public GwPlanStep<T> Add<T>(GwOperation<T> operation, Func<GwClient, GwServiceException, CancellationToken, Task<T>>? recover = null)
    {
        var step = new GwPlanStep<T>(_steps.Count, operation, recover);
        _steps.Add(step);
        return step;
    }

    public GwPlanStep Add(GwOperation operation)
    {
        var step = new GwPlanStep(_steps.Count, operation, null);
        _steps.Add(step);
        return step;
    }

    /// <summary>One operation a line, as -WhatIf shows them.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _steps.Select(s => s.Operation));

    /// <summary>
    /// Sends every step in order. When a step fails, or the caller cancels, after others succeeded, the error says
    /// which are done and which are not (<see cref="GwPlanIncompleteException"/>); when the first fails, its own
    /// error is raised unchanged.
    /// </summary>
    public async Task<GwPlanResults> ApplyStepsAsync(GwClient client, Action<GwPlanStep, object?>? completed, CancellationToken ct)
    {
        var results = new GwPlanResults(_steps.Count);
        var done = new List<GwOperation>();
        var doneText = new List<string>();
        foreach (var step in _steps)
        {
            var operation = step.Operation.Resolve(reference => reference.Select(results.Of(reference.Step)));
            object? result;
            try
            {
                result = await SendAsync(client, step, operation, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (done.Count > 0)
            {
                throw new GwPlanIncompleteException(done, doneText, [operation, .. _steps.Skip(step.Index + 1).Select(s => s.Operation)], e);
            }
            results.Set(step.Index, result);
            done.Add(operation);
            doneText.Add(Done(operation, result));
            completed?.Invoke(step, result);
        }
        return results;
    }

    /// <summary>A done step as the user reads it: the request, and what it made where the answer names it.</summary>
    private static string Done(GwOperation operation, object? result)
    {
        var made = result switch
        {
            RestApi api => $" (REST API {api.Name}, id {api.RestApiId})",
            RestApiResource resource => $" ({resource.Path}, id {resource.ResourceId})",
            Deployment deployment => $" (deployment {deployment.DeploymentId})",
            Stage stage => $" (stage {stage.StageName})",
            _ => "",
        };
        return $"{operation.Name} {operation.Method} {operation.Path}{made}";
    }

    private static async Task<object?> SendAsync(GwClient client, GwPlanStep step, GwOperation operation, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(operation, ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.Kind == GwErrorKind.Conflict && step.CanRecover)
        {
            return await step.RecoverAsync(client, e, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>A plan whose command outputs a <typeparamref name="T"/>: a step's answer, or what was already there when nothing needs sending.</summary>
public sealed class GwPlan<T> : GwPlan
{
    private Func<GwPlanResults, T>? _output;

    public void Returns(GwPlanStep<T> step) => _output = results => results.Of(step);
    public void Returns(T unchanged) => _output = _ => unchanged;

    /// <summary>Sends every step in order (see <see cref="GwPlan.ApplyStepsAsync"/>) and answers the command's output.</summary>
    public async Task<T> ApplyAsync(GwClient client, Action<GwPlanStep, object?>? completed, CancellationToken ct)
    {
        var output = _output ?? throw new InvalidOperationException("The plan does not say what it returns.");
        return output(await ApplyStepsAsync(client, completed, ct).ConfigureAwait(false));
    }

    public Task<T> ApplyAsync(GwClient client, CancellationToken ct) => ApplyAsync(client, null, ct);
}

/// <summary>One operation of a plan.</summary>
public class GwPlanStep
{
    private readonly Func<GwClient, GwServiceException, CancellationToken, Task<object?>>? _recover;

    internal GwPlanStep(int index, GwOperation operation, Func<GwClient, GwServiceException, CancellationToken, Task<object?>>? recover)
    {
        Index = index;
        Operation = operation;
        _recover = recover;
    }

    public int Index { get; }
    public GwOperation Operation { get; }

    internal bool CanRecover => _recover is not null;
    internal Task<object?> RecoverAsync(GwClient client, GwServiceException refusal, CancellationToken ct) => _recover!(client, refusal, ct);

    public override string ToString() => Operation.ToString();
}

/// <summary>A step whose answer is a <typeparamref name="T"/>, which later steps may refer to.</summary>
public sealed class GwPlanStep<T> : GwPlanStep
{
    internal GwPlanStep(int index, GwOperation<T> operation, Func<GwClient, GwServiceException, CancellationToken, Task<T>>? recover)
        : base(index, operation, recover is null ? null : async (client, refusal, ct) => await recover(client, refusal, ct).ConfigureAwait(false)) { }

    /// <summary>A value of this step's answer for a later operation's path, described for -WhatIf (e.g. "id of /x").</summary>
    public GwStepReference Refer(Func<T, string> select, string description) => new(Index, description, answer => select((T)answer!));
}

/// <summary>A path label that an earlier step answers: a hole in the operation's path until the plan fills it.</summary>
public sealed class GwStepReference
{
    internal GwStepReference(int step, string description, Func<object?, string> select)
    {
        Step = step;
        Description = description;
        Select = select;
    }

    public int Step { get; }
    /// <summary>What -WhatIf prints in braces, e.g. "id of /x".</summary>
    public string Description { get; }
    internal Func<object?, string> Select { get; }

    /// <summary>Raw braces never occur in an encoded path (every label is percent-encoded), so the hole cannot collide with a label.</summary>
    internal string Hole => "{" + Step + "}";
}

/// <summary>What each step of an applied plan answered.</summary>
public sealed class GwPlanResults
{
    private readonly object?[] _results;

    internal GwPlanResults(int count) => _results = new object?[count];

    public T Of<T>(GwPlanStep<T> step) => (T)_results[step.Index]!;
    internal object? Of(int step) => _results[step];
    internal void Set(int step, object? result) => _results[step] = result;
}
