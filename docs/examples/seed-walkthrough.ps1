<#
.SYNOPSIS
    The getting-started walkthrough, end to end, on the embedded local gateway.
.DESCRIPTION
    1. A regional REST API with a resource and a GET method.
    2. An HTTP integration for that method, and a deployment to the prod stage.
    3. A Lambda integration (POST /mypath/lambda) with the permission that lets exactly this method invoke
       the function.
    Then it prints what was built: resources, methods, integrations, the function's policy and the invoke
    URL, and calls the Lambda route through the deployed stage. It shows what an error says when a method
    has no integration yet, and runs the same steps again to show that a re-run converges (New-GwRestApi
    -UseExisting gets the API by name) instead of piling up duplicates.
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

# Shows objects in their default views. Redirected output has no terminal to wrap for, so long values
# (ARNs, URLs) run on in one piece instead of being cut at 80 columns.
function Show-Result {
    $width = if ([Console]::IsOutputRedirected -or $Host.UI.RawUI.BufferSize.Width -lt 1) { 4096 } else { $Host.UI.RawUI.BufferSize.Width }
    $input | Out-String -Width $width | Write-Host -NoNewline
}

$gateway = Start-GwLocalGateway
try {
    Show-Section "Local gateway at $($gateway.EndpointUrl) (region $($gateway.Region), account $($gateway.AccountId))"

    Show-Section '1. A regional REST API with a resource and a GET method'
    $api = New-GwRestApi -Name MyDemoAPI -Description 'This is a demo API' -EndpointType REGIONAL -UseExisting
    $get = $api | Add-GwResource -Path /mypath | Add-GwMethod -HttpMethod GET
    $api | Show-Result
    $get | Show-Result

    Show-Section '2. An HTTP integration and a deployment to prod'
    $get | Set-GwHttpIntegration -Uri http://example.com/myendpoint | Show-Result
    $prod = $api | Publish-GwDeployment -StageName prod -Description 'First deployment'
    $prod | Show-Result

    Show-Section '3. A Lambda integration with its permission'
    $function = Register-GwLocalFunction -FunctionName myFunction -ScriptBlock {
        param($Event, $Context)
        @{ statusCode = 200; headers = @{ 'Content-Type' = 'application/json' }; body = (@{ message = 'Hello from myFunction' } | ConvertTo-Json -Compress) }
    }
    $function | Show-Result
    $api | Add-GwResource -Path /mypath/lambda | Add-GwMethod -HttpMethod POST |
        Set-GwLambdaIntegration -FunctionName $function.FunctionName | Show-Result
    $prod = $api | Publish-GwDeployment -StageName prod -Description 'Adds the Lambda integration'
    $prod | Show-Result

    Show-Section 'Resources'
    Get-GwResource -RestApiId $api.RestApiId | Show-Result
    Show-Section 'Methods'
    Get-GwMethod -RestApiId $api.RestApiId | Show-Result
    Show-Section 'Integrations'
    Get-GwResource -RestApiId $api.RestApiId | Where-Object { $_.HttpMethods.Count } | Get-GwIntegration |
        Show-Result
    Show-Section "Lambda policy of $($function.FunctionName)"
    Get-GwLambdaPermission -FunctionName $function.FunctionName | Show-Result
    Show-Section 'Stage'
    Get-GwStage -RestApiId $api.RestApiId | Show-Result
    Write-Host "Invoke URL: $($prod.InvokeUrl)" -ForegroundColor Green

    # GET /mypath forwards to example.com, which this offline walkthrough leaves alone; the Lambda route
    # answers from the local function, through the deployed stage and the scoped permission.
    Show-Section "Calling POST $($prod.InvokeUrl)/mypath/lambda"
    $answer = Invoke-RestMethod -Method Post -Uri "$($prod.InvokeUrl)/mypath/lambda" -Body '{"name":"walkthrough"}' -ContentType application/json
    Write-Host "Answer: $($answer | ConvertTo-Json -Compress)"

    Show-Section 'An error names what is missing and what to do'
    $draft = $api | Add-GwResource -Path /mypath/draft | Add-GwMethod -HttpMethod GET
    $api | Publish-GwDeployment -StageName prod -ErrorAction SilentlyContinue -ErrorVariable refused | Out-Null
    Write-Host "Publish-GwDeployment refused ($($refused[0].FullyQualifiedErrorId -replace ',.*')):"
    Write-Host "  $($refused[0])"
    $draft | Remove-GwResource -Confirm:$false
    Write-Host 'Removed /mypath/draft again; prod still serves the last deployment.'

    Show-Section 'Running steps 1 and 3 again converges (New-GwRestApi -UseExisting)'
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
