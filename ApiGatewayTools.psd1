@{
    RootModule           = 'ApiGatewayTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6ec397a6-f1d1-4929-949d-84c55c98d2f9'
    Author               = 'ApiGatewayTools contributors'
    CompanyName          = 'ApiGatewayTools'
    Copyright            = '(c) ApiGatewayTools contributors. Licensed under the MIT License.'
    Description          = 'Script whole Amazon API Gateway REST APIs from PowerShell: APIs, resources, methods, HTTP and Lambda integrations, deployments and stages, in pipelines that converge when re-run. An embedded local gateway runs and tests every script with no AWS account.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('ApiGatewayTools.Format.ps1xml')
    CmdletsToExport      = @(
        'New-GwRestApi'
        'Get-GwRestApi'
        'Remove-GwRestApi'
        'Add-GwResource'
        'Get-GwResource'
        'Remove-GwResource'
        'Add-GwMethod'
        'Get-GwMethod'
        'Remove-GwMethod'
        'Set-GwHttpIntegration'
        'Set-GwLambdaIntegration'
        'Set-GwMockIntegration'
        'Test-GwMethod'
        'Get-GwIntegration'
        'Remove-GwIntegration'
        'Publish-GwDeployment'
        'Get-GwDeployment'
        'Remove-GwDeployment'
        'Restore-GwStage'
        'Complete-GwCanary'
        'Remove-GwCanary'
        'Get-GwStage'
        'Set-GwStage'
        'Remove-GwStage'
        'Clear-GwStageCache'
        'Set-GwRestApi'
        'New-GwRequestValidator'
        'Get-GwRequestValidator'
        'Remove-GwRequestValidator'
        'New-GwAuthorizer'
        'Get-GwAuthorizer'
        'Set-GwAuthorizer'
        'Remove-GwAuthorizer'
        'Test-GwAuthorizer'
        'Get-GwLambdaPermission'
        'Show-GwRestApi'
        'Start-GwLocalGateway'
        'Stop-GwLocalGateway'
        'Get-GwLocalGateway'
        'Get-GwStageMetric'
        'Register-GwLocalFunction'
        'Get-GwLocalFunctionLog'
        'New-GwLocalUserPool'
        'New-GwLocalToken'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'APIGateway', 'API-Gateway', 'REST', 'Lambda', 'Serverless', 'Cloud', 'DevOps', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://github.com/ApiGatewayTools/ApiGatewayTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/ApiGatewayTools/ApiGatewayTools'
            ReleaseNotes = 'First release: REST APIs, resources by path, methods, HTTP and Lambda integrations with scoped permissions, deployments and stages, and the embedded local gateway.'
        }
    }
}
