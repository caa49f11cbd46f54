<#
.SYNOPSIS
    The getting-started walkthrough, end to end, on the embedded local gateway.
.DESCRIPTION
    1. A regional REST API with a resource and a GET method.
    2. An HTTP integration for that method, and a deployment to the prod stage.
    3. A Lambda integration (POST /mypath/lambda) with the permission that lets exactly this method invoke
       the function.
    Then it prints what was built: resources, methods, integrations, the function's policy and the invoke
    URL, calls the Lambda route through the deployed stage, and runs the same steps again to show that a re-run converges instead of piling up duplicates.
    Point it at AWS by removing Start-GwLocalGateway and naming a real function.
.EXAMPLE
    dotnet pwsh ./docs/examples/seed-walkthrough.ps1
#>
[CmdletBinding()]
param(
    # The module to import: the built layout by default, or a name when installed from the Gallery.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/ApiGatewayTools')
)

$ErrorActionPreference = 'Stop'
# Output sent to a file or a pipe carries no colour codes.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module $ModulePath -Force

function Show-Section([string] $Title) { Write-Host "`n== $Title" -ForegroundColor Cyan }

$gateway = Start-GwLocalGateway
try {
    Show-Section "Local gateway at $($gateway.EndpointUrl) (region $($gateway.Region), account $($gateway.AccountId))"

    Show-Section '1. A regional REST API with a resource and a GET method'
    $api = New-GwRestApi -Name MyDemoAPI -Description 'This is a demo API' -EndpointType REGIONAL -UseExisting
    $get = $api | Add-GwResource -Path /mypath | Add-GwMethod -HttpMethod GET
    $api | Out-Host

    Show-Section '2. An HTTP integration and a deployment to prod'
    $get | Set-GwHttpIntegration -Uri http://example.com/myendpoint | Out-Host
    $prod = $api | Publish-GwDeployment -StageName prod -Description 'First deployment'
    $prod | Out-Host

    Show-Section '3. A Lambda integration with its permission'
    $function = Register-GwLocalFunction -FunctionName myFunction -ScriptBlock {
        param($Event, $Context)
        @{ statusCode = 200; headers = @{ 'Content-Type' = 'application/json' }; body = (@{ message = 'Hello from myFunction' } | ConvertTo-Json -Compress) }
    }
    $function | Out-Host
    $api | Add-GwResource -Path /mypath/lambda | Add-GwMethod -HttpMethod POST |
        Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Host
    $prod = $api | Publish-GwDeployment -StageName prod -Description 'Adds the Lambda integration'
    $prod | Out-Host

    Show-Section 'Resources'
    Get-GwResource -RestApiId $api.RestApiId | Out-Host
    Show-Section 'Methods'
    Get-GwMethod -RestApiId $api.RestApiId | Out-Host
    Show-Section 'Integrations'
    Get-GwResource -RestApiId $api.RestApiId | Where-Object { $_.HttpMethods.Count } | Get-GwIntegration |
        Out-Host
    Show-Section "Lambda policy of $($function.FunctionName)"
    Get-GwLambdaPermission -FunctionName $function.FunctionName | Out-Host
    Show-Section 'Stage'
    Get-GwStage -RestApiId $api.RestApiId | Out-Host
    Write-Host "Invoke URL: $($prod.InvokeUrl)" -ForegroundColor Green

    # GET /mypath forwards to example.com, which this offline walkthrough leaves alone; the Lambda route
    # answers from the local function, through the deployed stage and the scoped permission.
    Show-Section "Calling POST $($prod.InvokeUrl)/mypath/lambda"
    $answer = Invoke-RestMethod -Method Post -Uri "$($prod.InvokeUrl)/mypath/lambda" -Body '{"name":"walkthrough"}' -ContentType application/json
    Write-Host "Answer: $($answer | ConvertTo-Json -Compress)"

    Show-Section 'Running steps 1 and 3 again converges'
    $sameApi = New-GwRestApi -Name MyDemoAPI -Description 'This is a demo API' -EndpointType REGIONAL -UseExisting
    $again = $sameApi | Add-GwResource -Path /mypath/lambda
    $sameApi | Add-GwResource -Path /mypath/lambda | Add-GwMethod -HttpMethod POST |
        Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Null
    $statements = @(Get-GwLambdaPermission -FunctionName $function.FunctionName)
    Write-Host "REST API MyDemoAPI is still $($sameApi.RestApiId) ($(@(Get-GwRestApi -Name MyDemoAPI).Count) API of that name)."
    Write-Host "Resource /mypath/lambda is still $($again.ResourceId); the function's policy still has $($statements.Count) statement(s)."
}
finally {
    Stop-GwLocalGateway
}
