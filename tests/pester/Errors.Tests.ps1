# Service errors name the object they are about (API name and id, path, verb, stage) and say what to do,
# while keeping AWS's error code as the id, its category and AWS's own text.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
}

Describe 'Errors name the object' {
    BeforeAll {
        $script:api = New-TestApi 'Errors'
        $api | Add-GwResource -Path '/pets' | Add-GwMethod GET | Out-Null
        $api | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod DELETE | Out-Null
        $script:apiLabel = "REST API '$($api.Name)' ($($api.RestApiId))"
    }

    It 'Publish-GwDeployment names every method without an integration' {
        $api | Publish-GwDeployment -StageName prod -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BadRequestException,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($errors[0])" | Should -BeLike "$apiLabel cannot be deployed: these methods have no integration: GET /pets, DELETE /pets/{petId}. Add one with Set-GwMockIntegration, Set-GwHttpIntegration or Set-GwLambdaIntegration*publish again.*(API Gateway: No integration defined for method)"
    }

    It 'Publish-GwDeployment names the one method left once the others are integrated' {
        $api | Add-GwResource -Path '/pets' | Add-GwMethod GET | Set-GwMockIntegration | Out-Null
        $api | Publish-GwDeployment -StageName prod -ErrorAction SilentlyContinue -ErrorVariable errors

        "$($errors[0])" | Should -BeLike "$apiLabel cannot be deployed: DELETE /pets/{petId} has no integration.*"
    }

    It 'Get-GwStage names the API and its stages' {
        $api | Get-GwStage -StageName nosuch -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwStageCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($errors[0])" | Should -BeLike "$apiLabel has no stage 'nosuch' (it has no stages yet). Create it with Publish-GwDeployment*(API Gateway: Invalid Stage identifier specified)"
    }

    It 'Get-GwDeployment names the API for a deployment id it does not have' {
        $api | Get-GwDeployment -DeploymentId nosuch -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwDeploymentCommand'
        "$($errors[0])" | Should -BeLike "$apiLabel has no deployment 'nosuch'. List its deployments with Get-GwDeployment*(API Gateway: Invalid Deployment identifier specified)"
    }

    It 'a resource id that does not exist names the API' {
        Get-GwMethod -RestApiId $api.RestApiId -ResourceId nosuch -HttpMethod GET -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwMethodCommand'
        "$($errors[0])" | Should -BeLike "$apiLabel has no resource with id 'nosuch'*(API Gateway: Invalid Resource identifier specified)"
    }

    It 'an API id that is a name says which id it has' {
        Get-GwResource -RestApiId $api.Name -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwResourceCommand'
        "$($errors[0])" | Should -BeLike "'$($api.Name)' is a name, not an id: REST API '$($api.Name)' has the id $($api.RestApiId)*Get-GwRestApi -Name '$($api.Name)' | Get-GwResource*(API Gateway: Invalid API identifier specified*"
    }

    It 'an API id that names nothing says so and how to list them' {
        Get-GwResource -RestApiId nosuchapi1 -ErrorAction SilentlyContinue -ErrorVariable errors

        "$($errors[0])" | Should -BeLike "No REST API has the id 'nosuchapi1'*Get-GwRestApi*"
    }
}
