using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ApiGatewayTools.Loader;

/// <summary>
/// Runs when PowerShell imports the module: routes the requests for our own assemblies from the default
/// context into <see cref="DependencyLoadContext"/>. Must not touch any engine type itself.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyDirectory =
        Path.Join(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");

    private static readonly Lazy<DependencyLoadContext> Context = new(() => new DependencyLoadContext(DependencyDirectory));

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveOwnAssembly;

    /// <remarks>
    /// The local gateway is deliberately left running. <c>Import-Module -Force</c> removes the module before importing
    /// it again, and PowerShell keeps this assembly (and so the running gateway) loaded: stopping it here would make the
    /// next cmdlet fall back to the credential chain, which may point at real AWS. The re-imported module finds the
    /// same gateway as the session default; Stop-GwLocalGateway stops it.
    /// </remarks>
    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveOwnAssembly;

    private static Assembly? ResolveOwnAssembly(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        // Only the assemblies the cmdlets reference directly; their own dependencies then resolve inside the private context.
        if (name.Name is not ("ApiGatewayTools.Engine" or "ApiGatewayTools.LocalGateway"))
        {
            return null;
        }

        return Context.Value.LoadFromAssemblyName(name);
    }
}
