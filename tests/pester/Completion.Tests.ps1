# Tab completion asks the connection the command line names, shows API names, and never fails loudly.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
    $script:name = New-TestName 'Complete'
    $script:api = New-GwRestApi -Name $name
    $api | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod GET | Set-GwHttpIntegration -Uri 'http://example.com/pets/{petId}' | Out-Null
    $script:deployment = $api | Publish-GwDeployment -StageName beta
    Register-GwLocalFunction -FunctionName (New-TestName 'completeFn') -ScriptBlock { 1 } | Out-Null

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

Describe 'Argument completers' {
    It 'completes -RestApiId with ids, showing the API name' {
        $matches = Get-Completion "Get-GwStage -RestApiId $($api.RestApiId.Substring(0, 4))"
        $match = $matches | Where-Object CompletionText -eq $api.RestApiId
        $match | Should -Not -BeNullOrEmpty
        $match.ListItemText | Should -BeExactly $api.RestApiId
        $match.ToolTip | Should -BeExactly "$name ($($api.RestApiId))"
    }

    It 'completes -RestApiId from what the user types of the name' {
        (Get-Completion "Get-GwStage -RestApiId $name").CompletionText | Should -Contain $api.RestApiId
    }

    It 'completes -Path with the API''s resource paths, quoted when they hold braces' {
        $texts = (Get-Completion "Get-GwMethod -RestApiId $($api.RestApiId) -Path /pe").CompletionText
        $texts | Should -Contain '/pets'
        $texts | Should -Contain "'/pets/{petId}'"
    }

    It 'completes -StageName and -DeploymentId for the API on the command line' {
        (Get-Completion "Get-GwStage -RestApiId $($api.RestApiId) -StageName ").CompletionText | Should -Be @('beta')
        (Get-Completion "Get-GwDeployment -RestApiId $($api.RestApiId) -DeploymentId ").CompletionText | Should -Be @($deployment.DeploymentId)
    }

    It 'completes -HttpMethod with the verbs API Gateway accepts' {
        (Get-Completion 'Add-GwMethod -HttpMethod PO').CompletionText | Should -Be @('POST')
        (Get-Completion 'Add-GwMethod -HttpMethod ').CompletionText | Should -Be @('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY')
    }

    It 'completes -ResponseType with API Gateway''s 21 gateway response types' {
        (Get-Completion 'Set-GwGatewayResponse -ResponseType INTEGRATION_').CompletionText | Should -Be @('INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT')
        (Get-Completion 'Get-GwGatewayResponse -ResponseType ').CompletionText.Count | Should -Be 21
    }

    It 'completes -FunctionName with the functions of the connection' {
        (Get-Completion 'Set-GwLambdaIntegration -FunctionName completeFn').CompletionText | Should -Not -BeNullOrEmpty
    }

    It 'offers nothing, and no error, when the endpoint cannot be reached' {
        $Error.Clear()
        Get-Completion 'Get-GwStage -EndpointUrl http://127.0.0.1:9 -RestApiId ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
