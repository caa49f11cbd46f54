# build.ps1 Package publishes the Gallery package to a file repository; a user installs it by name from
# there into an empty module path and runs the getting-started walkthrough.
BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    $script:repository = $env:GW_PACKAGE_REPOSITORY
    $script:walkthrough = (Resolve-Path "$PSScriptRoot/../../docs/examples/seed-walkthrough.ps1").Path
}

Describe 'The Gallery package' {
    It 'exists in the build''s file repository' {
        Get-ChildItem $repository -Filter 'ApiGatewayTools.*.nupkg' | Should -HaveCount 1
    }

    It 'installs by name into a clean module path, imports by name and runs the walkthrough' {
        $modules = Join-Path ([IO.Path]::GetTempPath()) "gw-install-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory $modules | Out-Null
        try {
            $output = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name GwPackageTest -Uri '$repository' -Trusted -Force
try {
    Save-PSResource -Name ApiGatewayTools -Repository GwPackageTest -Path '$modules' -TrustRepository
}
finally {
    Unregister-PSResourceRepository -Name GwPackageTest
}
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module ApiGatewayTools
"loaded=`$((Get-Module ApiGatewayTools).ModuleBase)"
"help=`$((Get-Help New-GwRestApi).Synopsis)"
& '$walkthrough' -ModulePath ApiGatewayTools
"@
            $output | Should -Contain "loaded=$(Join-Path $modules 'ApiGatewayTools' '0.1.0')"
            ($output | Where-Object { $_ -like 'help=*' }) | Should -Not -BeExactly 'help='
            ($output -join "`n") | Should -Match 'Invoke URL: http://127\.0\.0\.1:\d+/restapis/[a-z0-9]{10}/prod/_user_request_'
            ($output -join "`n") | Should -Match "the function's policy still has 1 statement"
        }
        finally {
            Remove-Item $modules -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
