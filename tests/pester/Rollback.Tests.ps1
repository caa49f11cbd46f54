# Versioning and rollback: the deployment history, pointing a stage back without a new deployment, removing
# only the deployments no stage uses, and publishing an existing deployment (promotion or rollback) to a stage.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # An API whose GET /version answers $Body, deployed to prod.
    function New-VersionedApi([string] $Body = '{"version":1}') {
        $api = New-TestApi 'rollback'
        $api | Add-GwResource -Path /version | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody $Body | Out-Null
        $api
    }

    # Changes what GET /version answers and deploys that to $StageName.
    function Publish-Version($Api, [string] $Body, [string] $StageName = 'prod', [string] $Description) {
        $Api | Add-GwResource -Path /version | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody $Body | Out-Null
        $Api | Publish-GwDeployment -StageName $StageName -Description $Description
    }

    function Get-Version([string] $InvokeUrl) {
        (Invoke-WebRequest "$InvokeUrl/version" -SkipHttpErrorCheck).Content
    }
}

Describe 'Get-GwDeployment history' {
    BeforeAll {
        $script:api = New-VersionedApi
        $script:v1 = Publish-Version $api '{"version":1}' -Description v1
        Start-Sleep -Milliseconds 1100 # creation times have whole-second precision
        $script:v2 = Publish-Version $api '{"version":2}' -StageName dev -Description v2
        Start-Sleep -Milliseconds 1100
        $script:v3 = Publish-Version $api '{"version":3}' -Description v3
    }

    It 'lists newest first, each with the stages serving it' {
        $history = $api | Get-GwDeployment
        $history.DeploymentId | Should -Be @($v3.DeploymentId, $v2.DeploymentId, $v1.DeploymentId)
        $history[0].Stages | Should -Be @('prod')
        $history[1].Stages | Should -Be @('dev')
        @($history[2].Stages).Count | Should -Be 0
        $history | ForEach-Object { @($_.CanaryStages).Count | Should -Be 0 }
    }

    It 'names the stages on one deployment read by id, and shows them in the default view' {
        $deployment = Get-GwDeployment -RestApiId $api.RestApiId -DeploymentId $v3.DeploymentId
        $deployment.Stages | Should -Be @('prod')
        $lines = ($api | Get-GwDeployment | Out-String -Width 80) -split '\r?\n'
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -like "$($v2.DeploymentId)*" } | Should -Match ' dev +v2$'
    }
}

Describe 'Restore-GwStage' {
    BeforeEach {
        $script:api = New-VersionedApi
        $script:v1 = Publish-Version $api '{"version":1}' -Description v1
        Start-Sleep -Milliseconds 1100
        $script:v2 = Publish-Version $api '{"version":2}' -Description v2
    }

    It 'points the stage back at the older deployment, which its invoke URL then serves, without a new deployment' {
        Get-Version $v2.InvokeUrl | Should -BeExactly '{"version":2}'
        $stage = Restore-GwStage -RestApiId $api.RestApiId -StageName prod -DeploymentId $v1.DeploymentId

        $stage | Should -BeOfType ApiGatewayTools.Engine.Models.Stage
        $stage.DeploymentId | Should -BeExactly $v1.DeploymentId
        Get-Version $v2.InvokeUrl | Should -BeExactly '{"version":1}'
        @(Get-GwDeployment -RestApiId $api.RestApiId).Count | Should -Be 2
    }

    It 'takes the deployment from Get-GwDeployment down the pipeline' {
        $stage = Get-GwDeployment -RestApiId $api.RestApiId | Where-Object Description -EQ v1 | Restore-GwStage -StageName prod
        $stage.DeploymentId | Should -BeExactly $v1.DeploymentId
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DeploymentId | Should -BeExactly $v1.DeploymentId
    }

    It 'takes the stage from Get-GwStage down the pipeline' {
        $stage = Get-GwStage -RestApiId $api.RestApiId -StageName prod | Restore-GwStage -DeploymentId $v1.DeploymentId
        $stage.DeploymentId | Should -BeExactly $v1.DeploymentId
    }

    It 'shows the patch with -WhatIf and sends nothing' {
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { Restore-GwStage -RestApiId $api.RestApiId -StageName prod -DeploymentId $v1.DeploymentId -WhatIf }

        $text | Should -BeLike "*UpdateStage PATCH /restapis/$($api.RestApiId)/stages/prod*""op"":""replace"",""path"":""/deploymentId"",""value"":""$($v1.DeploymentId)""*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DeploymentId | Should -BeExactly $v2.DeploymentId
    }

    It 'sends nothing when the stage already serves the deployment' {
        $marker = Get-LastRequestId
        $stage = Restore-GwStage -RestApiId $api.RestApiId -StageName prod -DeploymentId $v2.DeploymentId
        $stage.DeploymentId | Should -BeExactly $v2.DeploymentId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a deployment that does not exist before sending anything' {
        $marker = Get-LastRequestId
        $result = Restore-GwStage -RestApiId $api.RestApiId -StageName prod -DeploymentId nosuchdep -ErrorAction SilentlyContinue -ErrorVariable errors

        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'DeploymentNotFound,ApiGatewayTools.Commands.RestoreGwStageCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -BeLike "REST API $($api.RestApiId) has no deployment nosuchdep*Get-GwDeployment -RestApiId $($api.RestApiId)*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a deployment of another API before sending anything' {
        $other = New-VersionedApi
        $foreign = $other | Publish-GwDeployment -StageName prod
        $marker = Get-LastRequestId
        Restore-GwStage -RestApiId $api.RestApiId -StageName prod -DeploymentId $foreign.DeploymentId -ErrorAction SilentlyContinue -ErrorVariable errors | Out-Null

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'DeploymentNotFound,ApiGatewayTools.Commands.RestoreGwStageCommand'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DeploymentId | Should -BeExactly $v2.DeploymentId
    }

    It 'writes API Gateway''s NotFoundException for a stage that does not exist' {
        Restore-GwStage -RestApiId $api.RestApiId -StageName nosuchstage -DeploymentId $v1.DeploymentId -ErrorAction SilentlyContinue -ErrorVariable errors | Out-Null
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RestoreGwStageCommand'
        $errors[0].TargetObject | Should -BeExactly 'nosuchstage'
    }

    It 'rejects a malformed stage name before any request' {
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Restore-GwStage -RestApiId $api.RestApiId -StageName 'my stage' -DeploymentId $v1.DeploymentId }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidStageName,ApiGatewayTools.Commands.RestoreGwStageCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Publish-GwDeployment given an existing deployment' {
    BeforeEach {
        $script:api = New-VersionedApi
        $script:v1 = Publish-Version $api '{"version":1}' -StageName dev -Description v1
        $script:v2 = Publish-Version $api '{"version":2}' -StageName dev -Description v2
    }

    It 'publishes a piped <Kind> to the stage, making no new deployment' -ForEach @(
        @{ Kind = 'deployment'; Item = { Get-GwDeployment -RestApiId $api.RestApiId -DeploymentId $v1.DeploymentId }; Expected = { $v1 } }
        @{ Kind = 'Publish-GwDeployment result'; Item = { $v1 }; Expected = { $v1 } }
        @{ Kind = 'stage'; Item = { Get-GwStage -RestApiId $api.RestApiId -StageName dev }; Expected = { $v2 } }
    ) {
        $item = & $Item
        $expected = & $Expected
        $result = $item | Publish-GwDeployment -StageName prod

        $result.DeploymentId | Should -BeExactly $expected.DeploymentId
        $result.StageCreated | Should -BeTrue
        $result.Description | Should -BeExactly $expected.Description
        Get-Version $result.InvokeUrl | Should -BeExactly (Get-Version ($expected.InvokeUrl -replace '/dev/', '/prod/'))
        @(Get-GwDeployment -RestApiId $api.RestApiId).Count | Should -Be 2
    }

    It 'points an existing stage back (rollback) with one UpdateStage, as -WhatIf shows' {
        Get-GwStage -RestApiId $api.RestApiId -StageName dev | Publish-GwDeployment -StageName prod | Out-Null
        $text = Get-WhatIfText { $v1 | Publish-GwDeployment -StageName prod -WhatIf }
        $text | Should -BeLike "*UpdateStage PATCH /restapis/$($api.RestApiId)/stages/prod*""path"":""/deploymentId"",""value"":""$($v1.DeploymentId)""*"

        $result = $v1 | Publish-GwDeployment -StageName prod
        $result.StageCreated | Should -BeFalse
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DeploymentId | Should -BeExactly $v1.DeploymentId
        Get-Version $result.InvokeUrl | Should -BeExactly '{"version":1}'
    }

    It 'warns and sends nothing when the stage already serves it, saying how to deploy anew' {
        $marker = Get-LastRequestId
        $result = Get-GwStage -RestApiId $api.RestApiId -StageName dev | Publish-GwDeployment -StageName dev -WarningVariable warnings -WarningAction SilentlyContinue

        $result.DeploymentId | Should -BeExactly $v2.DeploymentId
        "$warnings" | Should -BeLike "*already serves deployment $($v2.DeploymentId)*without a deployment*"
        Get-RequestSince $marker | Where-Object { $_.Operation -notlike 'Get*' } | Should -BeNullOrEmpty
    }

    It 'refuses a deployment of another API before changing anything' {
        $other = New-VersionedApi
        $foreign = $other | Publish-GwDeployment -StageName dev
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Publish-GwDeployment -RestApiId $api.RestApiId -StageName prod -DeploymentId $foreign.DeploymentId -ErrorAction Stop }

        $e.FullyQualifiedErrorId | Should -BeExactly 'DeploymentNotFound,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        Get-RequestSince $marker | Where-Object { $_.Operation -notlike 'Get*' } | Should -BeNullOrEmpty
    }

    It 'still deploys the API itself piped in, and a stage piped with -Description deploys anew' {
        $result = $api | Publish-GwDeployment -StageName prod
        $result.DeploymentId | Should -Not -BeIn @($v1.DeploymentId, $v2.DeploymentId)
        $again = Get-GwStage -RestApiId $api.RestApiId -StageName prod | Publish-GwDeployment -StageName prod -Description v3
        $again.DeploymentId | Should -Not -BeIn @($v1.DeploymentId, $v2.DeploymentId, $result.DeploymentId)
    }
}

Describe 'Remove-GwDeployment' {
    BeforeEach {
        $script:api = New-VersionedApi
        $script:v1 = Publish-Version $api '{"version":1}' -Description v1
        $script:v2 = Publish-Version $api '{"version":2}' -StageName dev -Description v2
        $script:v3 = Publish-Version $api '{"version":3}' -Description v3
    }

    It 'removes a deployment no stage uses' {
        Remove-GwDeployment -RestApiId $api.RestApiId -DeploymentId $v1.DeploymentId -Confirm:$false
        (Get-GwDeployment -RestApiId $api.RestApiId).DeploymentId | Should -Not -Contain $v1.DeploymentId
    }

    It 'refuses a deployment a stage uses before sending, naming the stage and what to do' {
        $marker = Get-LastRequestId
        Remove-GwDeployment -RestApiId $api.RestApiId -DeploymentId $v3.DeploymentId -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'DeploymentInUse,ApiGatewayTools.Commands.RemoveGwDeploymentCommand'
        $errors[0].Exception.Message | Should -BeLike "Deployment $($v3.DeploymentId) of REST API $($api.RestApiId) is in use by stage prod:*Restore-GwStage*Remove-GwStage*"
        $errors[0].TargetObject | Should -BeExactly $v3.DeploymentId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwDeployment -RestApiId $api.RestApiId).DeploymentId | Should -Contain $v3.DeploymentId
    }

    It 'removes only the unused deployments of a whole history piped in, reporting the others' {
        Get-GwDeployment -RestApiId $api.RestApiId | Remove-GwDeployment -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors

        (Get-GwDeployment -RestApiId $api.RestApiId).DeploymentId | Sort-Object | Should -Be (@($v3.DeploymentId, $v2.DeploymentId) | Sort-Object)
        $errors.Count | Should -Be 2
        $errors.TargetObject | Sort-Object | Should -Be (@($v2.DeploymentId, $v3.DeploymentId) | Sort-Object)
    }

    It 'sends nothing with -WhatIf and asks first by default' {
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { Remove-GwDeployment -RestApiId $api.RestApiId -DeploymentId $v1.DeploymentId -WhatIf }
        $text | Should -BeLike "*DeleteDeployment DELETE /restapis/$($api.RestApiId)/deployments/$($v1.DeploymentId)*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-Command Remove-GwDeployment).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'High'
    }

    It 'writes DeploymentNotFound for an id the API does not have' {
        Remove-GwDeployment -RestApiId $api.RestApiId -DeploymentId nosuchdep -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'DeploymentNotFound,ApiGatewayTools.Commands.RemoveGwDeploymentCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
