# The module keeps its AWSSDK.Core in its own load context, so another module's copy (AWS.Tools brings
# 4.x, older tools 3.7.x) loaded in the same session, before or after, does not break either of them.
BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    $script:otherCore = $env:GW_OTHER_AWSSDK_CORE
    $script:modulePath = $env:GW_MODULE_PATH

    # Uses the module end to end on its local gateway and prints what each AWSSDK.Core copy reports.
    $script:useModule = @'
$gw = Start-GwLocalGateway
$api = New-GwRestApi -Name coexist
$integration = $api | Add-GwResource -Path /ping | Add-GwMethod GET | Set-GwHttpIntegration -Uri http://example.com/ping
"integration=$($integration.Type)"
$stage = $api | Publish-GwDeployment -StageName prod
"stage=$($stage.StageName)"
Stop-GwLocalGateway
'@
    $script:useOtherCore = @'
$credentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDEXAMPLE', 'secret')
"other=$($credentials.GetCredentials().AccessKey)"
'@
    $script:listCores = @'
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } |
    ForEach-Object { "core=$($_.GetName().Version.Major) in $([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name)" } |
    Sort-Object
'@
}

Describe 'Coexistence with another AWSSDK.Core' {
    It 'has the other AWSSDK.Core to test with' {
        $otherCore | Should -Exist
    }

    It 'works when another AWSSDK.Core was loaded into the session first' {
        $output = Invoke-ChildPwsh @"
Add-Type -Path '$otherCore'
$useOtherCore
Import-Module '$modulePath'
$useModule
$useOtherCore
$listCores
"@
        $output | Should -Contain 'integration=HTTP'
        $output | Should -Contain 'stage=prod'
        @($output -eq 'other=AKIDEXAMPLE').Count | Should -Be 2
        $output | Should -Contain 'core=3 in Default'
        $output | Should -Contain 'core=4 in ApiGatewayTools'
    }

    It 'lets another AWSSDK.Core load after the module was imported and used' {
        $output = Invoke-ChildPwsh @"
Import-Module '$modulePath'
$useModule
Add-Type -Path '$otherCore'
$useOtherCore
$useModule
$listCores
"@
        @($output -eq 'integration=HTTP').Count | Should -Be 2
        $output | Should -Contain 'other=AKIDEXAMPLE'
        $output | Should -Contain 'core=3 in Default'
        $output | Should -Contain 'core=4 in ApiGatewayTools'
    }
}
