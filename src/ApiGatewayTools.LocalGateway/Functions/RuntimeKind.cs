using System.Reflection;
using System.Security.Cryptography;

namespace ApiGatewayTools.LocalGateway.Functions;

/// <summary>A Lambda runtime the local gateway can run handler files with: its program and worker script.</summary>
internal sealed class RuntimeKind
{
    private static readonly RuntimeKind Node = new("node", "node-worker.mjs", "Node.js (https://nodejs.org, or: apt-get install nodejs)", [".js", ".mjs", ".cjs"]);
    private static readonly RuntimeKind Python = new("python3", "python-worker.py", "Python 3 (apt-get install python3)", [".py", "/__init__.py"]);

    private static readonly Dictionary<string, RuntimeKind> ByRuntime = new(StringComparer.Ordinal)
    {
        ["nodejs20.x"] = Node,
        ["nodejs22.x"] = Node,
        ["python3.11"] = Python,
        ["python3.12"] = Python,
        ["python3.13"] = Python,
    };

    private readonly Lazy<string> _workerScript;

    private readonly string[] _moduleSuffixes;

    private RuntimeKind(string program, string workerResource, string installHint, string[] moduleSuffixes)
    {
        _moduleSuffixes = moduleSuffixes;
        Program = program;
        InstallHint = installHint;
        _workerScript = new Lazy<string>(() => ExtractWorkerScript(workerResource));
    }

    /// <summary>The runtimes served by worker processes, as Lambda names them.</summary>
    public static IReadOnlyCollection<string> Names => ByRuntime.Keys;

    public string Program { get; }
    public string InstallHint { get; }

    /// <summary>The worker script, written once per process to a temporary folder named after its content.</summary>
    public string WorkerScript => _workerScript.Value;

    /// <summary>
    /// Why the handler setting (module.function) names no module file under the code folder, or null when it
    /// does. Lambda finds out only at the first call; a local registration can say so at once.
    /// </summary>
    public string? HandlerProblem(string codePath, string handler)
    {
        var dot = handler.LastIndexOf('.');
        if (dot <= 0 || dot == handler.Length - 1)
        {
            return $"The handler '{handler}' must be module.function, e.g. {(Program == "node" ? "index.handler" : "app.lambda_handler")}.";
        }
        var module = handler[..dot];
        var relative = Program == "python3" ? module.Replace('.', '/') : module;
        var candidates = _moduleSuffixes.Select(suffix => Path.Combine(codePath, relative + suffix)).ToList();
        return candidates.Any(File.Exists)
            ? null
            : $"The handler '{handler}' names module '{module}', but none of {string.Join(", ", candidates.Select(Path.GetFileName))} is in {codePath}.";
    }

    public static RuntimeKind? Find(string runtime) => ByRuntime.GetValueOrDefault(runtime);

    /// <summary>The program's full path from PATH, or null when the machine does not have it.</summary>
    public string? FindProgram()
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? [Program + ".exe", Program] : new[] { Program })
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static string ExtractWorkerScript(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Bootstrap/" + resource)
            ?? throw new InvalidOperationException($"The worker script {resource} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var folder = Path.Combine(Path.GetTempPath(), "ApiGatewayTools", "workers", Convert.ToHexString(SHA256.HashData(content))[..16]);
        var file = Path.Combine(folder, resource);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(folder);
            // Written aside and moved, so a worker never starts from a half-written script.
            var partial = file + "." + Guid.NewGuid().ToString("N");
            File.WriteAllBytes(partial, content);
            File.Move(partial, file, overwrite: true);
        }
        return file;
    }
}
