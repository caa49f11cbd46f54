# Import-Module loads the cmdlet assembly and nothing else: PowerShell lists the cmdlets from it alone, and the
# engine, the local gateway and their dependencies (AWSSDK.Core, Microsoft.OpenApi, NJsonSchema) load into the
# module's own context on first use. A session that imports the module pays for one assembly; a cmdlet class
# that named an engine type where PowerShell reflects at import (a field of an engine enum or struct, an
# attribute from the engine) would load the engine early, or break the import, and fail here.
BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    $script:modulePath = $env:GW_MODULE_PATH
    $script:listOwnAssemblies = @'
[AppDomain]::CurrentDomain.GetAssemblies() |
    ForEach-Object { $_.GetName().Name } |
    Where-Object { $_ -like 'ApiGatewayTools*' -or $_ -in 'AWSSDK.Core', 'Microsoft.OpenApi', 'Microsoft.OpenApi.YamlReader', 'NJsonSchema', 'Namotion.Reflection', 'SharpYaml' } |
    Sort-Object |
    ForEach-Object { "loaded=$_" }
'@
    $script:exportedCount = @((Import-PowerShellDataFile (Join-Path $modulePath 'ApiGatewayTools.psd1')).CmdletsToExport).Count
}

Describe 'What Import-Module loads' {
    It 'loads only the cmdlet assembly, and lists every cmdlet from it' {
        # A pwsh process replays the JIT profile the previous one left in PowerShell's cache folder, on a
        # background thread at startup, and that loads whatever assemblies the previous process used (the engine,
        # when an earlier test's child ran cmdlets). The child gets a cache folder of its own, so that what it has
        # loaded is what the import loaded.
        $cache = $env:XDG_CACHE_HOME
        $env:XDG_CACHE_HOME = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'cache') -Force).FullName
        try {
            $output = Invoke-ChildPwsh @"
Import-Module '$modulePath'
"cmdlets=`$(@(Get-Command -Module ApiGatewayTools -CommandType Cmdlet).Count)"
$listOwnAssemblies
"@
        }
        finally { $env:XDG_CACHE_HOME = $cache }
        $output | Should -Be @("cmdlets=$exportedCount", 'loaded=ApiGatewayTools')
    }

    It 'loads the engine and its dependencies into the module''s own context on first use' {
        $output = Invoke-ChildPwsh @"
Import-Module '$modulePath'
`$null = Start-GwLocalGateway
`$null = New-GwRestApi -Name first-use
Stop-GwLocalGateway
[AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { `$_.GetName().Name -in 'ApiGatewayTools.Engine', 'AWSSDK.Core' } |
    ForEach-Object { "`$(`$_.GetName().Name) in `$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name)" } |
    Sort-Object
"@
        $output | Should -Be @('ApiGatewayTools.Engine in ApiGatewayTools', 'AWSSDK.Core in ApiGatewayTools')
    }
}
