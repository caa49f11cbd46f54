BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    $script:endpoint = (Start-TestGateway).EndpointUrl
}

Describe 'The getting-started pipeline, with no id typed' {
    It 'builds, integrates and deploys an API from one pipeline' {
        $name = New-TestName 'MyDemoAPI'
        $integration = New-GwRestApi -Name $name -Description 'This is a demo API' |
            Add-GwResource -Path /mypath |
            Add-GwMethod -HttpMethod GET |
            Set-GwHttpIntegration -Uri http://example.com/myendpoint
        $deployment = Get-GwRestApi -Name $name | Publish-GwDeployment -StageName prod

        $api = Get-GwRestApi -Name $name
        $integration.RestApiId | Should -BeExactly $api.RestApiId
        $integration.Type | Should -BeExactly 'HTTP'
        $integration.Uri | Should -BeExactly 'http://example.com/myendpoint'
        $deployment.InvokeUrl | Should -BeExactly "$endpoint/restapis/$($api.RestApiId)/prod/_user_request_"
        (Get-GwMethod -RestApiId $api.RestApiId).ForEach({ "$($_.HttpMethod) $($_.Path)" }) | Should -Be @('GET /mypath')
    }

    It 'converges when the same script runs twice' {
        $name = New-TestName 'Rerun'
        $script = {
            $api = Get-GwRestApi -Name $name -ErrorAction SilentlyContinue
            if (-not $api) { $api = New-GwRestApi -Name $name }
            $api | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod -HttpMethod GET |
                Set-GwHttpIntegration -Uri 'http://example.com/pets/{petId}'
        }
        $first = & $script
        $second = & $script

        $second.ResourceId | Should -BeExactly $first.ResourceId
        @(Get-GwRestApi -Name $name).Count | Should -Be 1
        (Get-GwResource -RestApiId $first.RestApiId).Path | Should -Be @('/', '/pets', '/pets/{petId}')
    }

    It 'wires a local function to a method and deploys it' {
        $function = Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock { param($Event, $Context) @{ statusCode = 200; body = 'ok' } }
        $api = New-TestApi
        $api | Add-GwResource -Path /hello | Add-GwMethod -HttpMethod GET | Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Null
        $deployment = $api | Publish-GwDeployment -StageName prod

        $deployment.InvokeUrl | Should -BeExactly "$endpoint/restapis/$($api.RestApiId)/prod/_user_request_"
        (Get-GwLambdaPermission -FunctionName $function.FunctionName).SourceArn |
            Should -BeExactly "arn:aws:execute-api:us-east-1:000000000000:$($api.RestApiId)/*/GET/hello"
    }
}
