using System.Reflection;
using System.Runtime.Loader;

namespace ApiGatewayTools.Loader;

/// <summary>
/// Loads the engine, the local gateway and their third-party dependencies (AWSSDK.Core) from the module's
/// Dependencies folder into a private context, so that another module's AWSSDK.Core in the same session
/// neither breaks us nor is broken by us. An assembly that PowerShell itself already ships ($PSHOME) at a
/// compatible version is shared instead of loaded twice.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private static readonly string PsHome = Path.GetDirectoryName(typeof(System.Management.Automation.PSObject).Assembly.Location) ?? "";

    private readonly string _dependencyDirectory;

    public DependencyLoadContext(string dependencyDirectory) : base("ApiGatewayTools", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsProvidedCompatiblyByHost(assemblyName))
        {
            return null; // falls back to the default context: PowerShell's own copy
        }

        var path = Path.Join(_dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static bool IsProvidedCompatiblyByHost(AssemblyName requested)
    {
        var hostCopy = Path.Join(PsHome, requested.Name + ".dll");
        if (!File.Exists(hostCopy))
        {
            return false;
        }

        try
        {
            var hostVersion = AssemblyName.GetAssemblyName(hostCopy).Version;
            return hostVersion is not null && (requested.Version is null || hostVersion >= requested.Version);
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
