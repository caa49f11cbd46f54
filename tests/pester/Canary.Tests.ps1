# Canary releases: a deployment published to a stage's canary, promoted with Complete-GwCanary or abandoned with
# Remove-GwCanary; checked through the configuration read back (the traffic split is the data plane's to test).
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # An API deployed to prod with variable color=green, and its first deployment.
    function New-ReleasedApi {
        $api = New-TestApi 'canary'
        $api | Add-GwResource -Path /color | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"v":1}' | Out-Null
        $stable = $api | Publish-GwDeployment -StageName prod -StageVariable @{ color = 'green'; region = 'eu' }
        $api | Add-GwResource -Path /color | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"v":2}' | Out-Null
        [pscustomobject]@{ Api = $api; Stable = $stable }
    }
}

Describe 'Publish-GwDeployment -CanaryPercent' {
    It 'deploys to the stage''s canary, leaving the stage on its deployment' {
        $released = New-ReleasedApi
        $result = $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -CanaryStageVariable @{ color = 'blue' } -CanaryUseStageCache -Description v2

        $result.StageCreated | Should -BeFalse
        $result.Canary.DeploymentId | Should -BeExactly $result.DeploymentId
        $result.Canary.PercentTraffic | Should -Be 10
        ($result | Out-String -Width 80) | Should -Match "Deployed $($result.DeploymentId) as the canary of stage prod, taking 10% of requests"

        $stage = Get-GwStage -RestApiId $released.Api.RestApiId -StageName prod
        $stage.DeploymentId | Should -BeExactly $released.Stable.DeploymentId
        $stage.Canary.DeploymentId | Should -BeExactly $result.DeploymentId
        $stage.Canary.PercentTraffic | Should -Be 10
        $stage.Canary.StageVariableOverrides['color'] | Should -BeExactly 'blue'
        $stage.Canary.UseStageCache | Should -BeTrue
        $stage.Variables['color'] | Should -BeExactly 'green'
    }

    It 'lists the canary on its deployment in Get-GwDeployment' {
        $released = New-ReleasedApi
        $canary = $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent 25
        $history = Get-GwDeployment -RestApiId $released.Api.RestApiId

        ($history | Where-Object DeploymentId -EQ $canary.DeploymentId).CanaryStages | Should -Be @('prod')
        @(($history | Where-Object DeploymentId -EQ $canary.DeploymentId).Stages).Count | Should -Be 0
        ($history | Where-Object DeploymentId -EQ $released.Stable.DeploymentId).Stages | Should -Be @('prod')
        ($history | Out-String -Width 80) | Should -Match 'prod \(canary\)'
    }

    It 'shows the CreateDeployment with its canarySettings with -WhatIf and sends nothing' {
        $released = New-ReleasedApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -WhatIf }

        $text | Should -BeLike '*CreateDeployment POST*"canarySettings":{"percentTraffic":10,*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects -CanaryPercent <Percent> before any request' -ForEach @(
        @{ Percent = -1 }
        @{ Percent = 100.5 }
        @{ Percent = 1000 }
    ) {
        $released = New-ReleasedApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent $Percent }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidCanaryPercent,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike '*use 0 to 100*'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects a canary stage variable API Gateway refuses before any request' {
        $released = New-ReleasedApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -CanaryStageVariable @{ 'bad-name' = 'x' } }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidStageVariable,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a canary on a stage that does not exist yet, creating nothing' {
        $released = New-ReleasedApi
        $marker = Get-LastRequestId
        $result = $released.Api | Publish-GwDeployment -StageName beta -CanaryPercent 10 -ErrorAction SilentlyContinue -ErrorVariable errors

        $result | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'StageNotFound,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -BeLike '*no stage beta*Publish-GwDeployment -StageName beta*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        @(Get-GwDeployment -RestApiId $released.Api.RestApiId).Count | Should -Be 1
    }

    It 'does not take -StageVariable with -CanaryPercent: the canary''s variables are -CanaryStageVariable' {
        $released = New-ReleasedApi
        $e = Get-TerminatingError { $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -StageVariable @{ color = 'red' } }
        $e.FullyQualifiedErrorId | Should -BeExactly 'AmbiguousParameterSet,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
    }
}

Describe 'Complete-GwCanary' {
    BeforeEach {
        $script:released = New-ReleasedApi
        $script:canary = $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -CanaryStageVariable @{ color = 'blue' }
    }

    It 'promotes the canary: the stage serves its deployment and variables, and the canary ends' {
        $stage = Complete-GwCanary -RestApiId $released.Api.RestApiId -StageName prod

        $stage | Should -BeOfType ApiGatewayTools.Engine.Models.Stage
        $stage.DeploymentId | Should -BeExactly $canary.DeploymentId
        $stage.Canary | Should -BeNullOrEmpty
        $stage.Variables['color'] | Should -BeExactly 'blue'
        $stage.Variables['region'] | Should -BeExactly 'eu'
        $read = Get-GwStage -RestApiId $released.Api.RestApiId -StageName prod
        ($read.DeploymentId, $read.Canary) | Should -Be @($canary.DeploymentId, $null)
    }

    It 'takes the stage from Get-GwStage down the pipeline' {
        $stage = Get-GwStage -RestApiId $released.Api.RestApiId -StageName prod | Complete-GwCanary
        $stage.DeploymentId | Should -BeExactly $canary.DeploymentId
    }

    It 'shows the promotion with -WhatIf, naming the canary''s deployment, and sends nothing' {
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { Complete-GwCanary -RestApiId $released.Api.RestApiId -StageName prod -WhatIf }

        $text | Should -BeLike "*UpdateStage PATCH /restapis/$($released.Api.RestApiId)/stages/prod*""op"":""copy"",""path"":""/deploymentId"",""from"":""/canarySettings/deploymentId""*""op"":""remove"",""path"":""/canarySettings""*"
        $text | Should -BeLike "*promoting canary deployment $($canary.DeploymentId)*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwStage -RestApiId $released.Api.RestApiId -StageName prod).Canary.DeploymentId | Should -BeExactly $canary.DeploymentId
    }

    It 'warns and sends nothing for a stage without a canary' {
        Complete-GwCanary -RestApiId $released.Api.RestApiId -StageName prod | Out-Null
        $marker = Get-LastRequestId
        $stage = Complete-GwCanary -RestApiId $released.Api.RestApiId -StageName prod -WarningVariable warnings -WarningAction SilentlyContinue

        $stage.DeploymentId | Should -BeExactly $canary.DeploymentId
        $warnings[0] | Should -BeLike '*has no canary to promote*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GwCanary' {
    BeforeEach {
        $script:released = New-ReleasedApi
        $script:canary = $released.Api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -CanaryStageVariable @{ color = 'blue' }
    }

    It 'abandons the canary: the stage keeps its deployment and variables, the canary''s deployment stays in the history' {
        $stage = Remove-GwCanary -RestApiId $released.Api.RestApiId -StageName prod -Confirm:$false

        $stage.DeploymentId | Should -BeExactly $released.Stable.DeploymentId
        $stage.Canary | Should -BeNullOrEmpty
        $stage.Variables['color'] | Should -BeExactly 'green'
        (Get-GwDeployment -RestApiId $released.Api.RestApiId).DeploymentId | Should -Contain $canary.DeploymentId
    }

    It 'lets the abandoned canary''s deployment be removed, which Remove-GwDeployment refused while it was in use' {
        Remove-GwDeployment -RestApiId $released.Api.RestApiId -DeploymentId $canary.DeploymentId -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'DeploymentInUse,ApiGatewayTools.Commands.RemoveGwDeploymentCommand'
        $errors[0].Exception.Message | Should -BeLike '*in use by stage prod (canary)*Remove-GwCanary*'

        Get-GwStage -RestApiId $released.Api.RestApiId -StageName prod | Remove-GwCanary -Confirm:$false | Out-Null
        Remove-GwDeployment -RestApiId $released.Api.RestApiId -DeploymentId $canary.DeploymentId -Confirm:$false
        (Get-GwDeployment -RestApiId $released.Api.RestApiId).DeploymentId | Should -Be @($released.Stable.DeploymentId)
    }

    It 'sends nothing with -WhatIf and asks first by default' {
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { Remove-GwCanary -RestApiId $released.Api.RestApiId -StageName prod -WhatIf }
        $text | Should -BeLike '*UpdateStage PATCH*"op":"remove","path":"/canarySettings"*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-Command Remove-GwCanary).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'High'
    }

    It 'sends nothing for a stage without a canary' {
        Remove-GwCanary -RestApiId $released.Api.RestApiId -StageName prod -Confirm:$false | Out-Null
        $marker = Get-LastRequestId
        $stage = Remove-GwCanary -RestApiId $released.Api.RestApiId -StageName prod -Confirm:$false
        $stage.Canary | Should -BeNullOrEmpty
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}
