# A route set, the script that builds it, and the check that what exists is what was asked: shared by the soak
# (bench/Invoke-Soak.ps1) and its small version in tests/pester/FaultConvergence.Tests.ps1. Dot-source it.

# The intended routes: nested paths, path parameters, and HTTP, MOCK and Lambda integrations in turn.
function New-FaultRouteSet([int] $Count) {
    foreach ($i in 0..($Count - 1)) {
        $group = "g$($i % 7)"
        $path = switch ($i % 3) {
            0 { "/$group/items$i" }
            1 { "/$group/items$i/{id}" }
            2 { "/$group/sub$($i % 5)/leaf$i/{name}/detail" }
        }
        [pscustomobject]@{
            Path = $path
            HttpMethod = if ($i % 2) { 'POST' } else { 'GET' }
            Kind = @('HTTP', 'MOCK', 'Lambda')[$i % 3 -eq 2 ? 2 : ($i % 2)]
        }
    }
}

# Builds (or finishes building) the API: the same script each run; errors are left to the caller's -ErrorAction.
# Past -Until it stops between routes (a bounded run), and says so.
function Invoke-FaultRouteBuild {
    [CmdletBinding()]
    param([string] $ApiName, [object[]] $Routes, [string] $FunctionName, [datetime] $Until = [datetime]::MaxValue)
    $api = New-GwRestApi -Name $ApiName -UseExisting
    if (-not $api) { return }
    foreach ($route in $Routes) {
        if ([datetime]::UtcNow -gt $Until) {
            Write-Warning "Time is up before $($route.HttpMethod) $($route.Path); the next run goes on from there."
            return
        }
        $method = $api | Add-GwResource -Path $route.Path | Add-GwMethod -HttpMethod $route.HttpMethod
        if (-not $method) { continue }
        switch ($route.Kind) {
            'HTTP' { $method | Set-GwHttpIntegration -Uri "http://example.com$($route.Path -replace '[{}]', '')" | Out-Null }
            'MOCK' { $method | Set-GwMockIntegration -ResponseBody '{"ok":true}' | Out-Null }
            'Lambda' { $method | Set-GwLambdaIntegration -FunctionName $FunctionName | Out-Null }
        }
    }
    $api | Publish-GwDeployment -StageName prod | Out-Null
    $api | Publish-GwDeployment -StageName test | Out-Null
}

# What differs between the API and the routes: an empty list when they are identical (no duplicate, no orphan,
# every method with the intended integration, each Lambda statement once, both stages).
function Compare-FaultRouteBuild([string] $ApiName, [object[]] $Routes, [string] $FunctionName) {
    $apis = @(Get-GwRestApi -Name $ApiName)
    if ($apis.Count -ne 1) { return "$($apis.Count) APIs are named $ApiName" }
    $api = $apis[0]
    $resources = @(Get-GwResource -RestApiId $api.RestApiId)
    $expectedPaths = [System.Collections.Generic.HashSet[string]]::new([string[]] @('/'))
    foreach ($route in $Routes) {
        $segments = $route.Path.Trim('/') -split '/'
        foreach ($n in 1..$segments.Count) { [void] $expectedPaths.Add('/' + ($segments[0..($n - 1)] -join '/')) }
    }
    $resources | Group-Object Path | Where-Object Count -gt 1 | ForEach-Object { "duplicate resource $($_.Name) ($($_.Count))" }
    $resources | Where-Object { -not $expectedPaths.Contains($_.Path) } | ForEach-Object { "orphan resource $($_.Path)" }
    $expectedPaths | Where-Object { $_ -notin $resources.Path } | ForEach-Object { "missing resource $_" }
    $wanted = @{}
    foreach ($route in $Routes) { $wanted["$($route.HttpMethod) $($route.Path)"] = $route }
    foreach ($resource in $resources) {
        foreach ($verb in $resource.HttpMethods) {
            $route = $wanted["$verb $($resource.Path)"]
            $method = $resource.ResourceMethods[$verb]
            if (-not $route) { "orphan method $verb $($resource.Path)"; continue }
            $type = $method.Integration.Type
            $expectedType = @{ HTTP = 'HTTP'; MOCK = 'MOCK'; Lambda = 'AWS_PROXY' }[$route.Kind]
            if ($type -ne $expectedType) { "$verb $($resource.Path) has integration '$type', not $expectedType" }
        }
    }
    foreach ($key in $wanted.Keys) {
        $verb, $path = $key -split ' ', 2
        if (-not ($resources | Where-Object { $_.Path -eq $path -and $verb -in $_.HttpMethods })) { "missing method $key" }
    }
    $statements = @(Get-GwLambdaPermission -FunctionName $FunctionName | Where-Object { $_.SourceArn -like "*:$($api.RestApiId)/*" })
    $statements | Group-Object StatementId | Where-Object Count -gt 1 | ForEach-Object { "statement $($_.Name) $($_.Count) times" }
    $lambdaRoutes = @($Routes | Where-Object Kind -eq 'Lambda').Count
    if ($statements.Count -ne $lambdaRoutes) { "$($statements.Count) Lambda statements for $lambdaRoutes Lambda routes" }
    $stages = @(Get-GwStage -RestApiId $api.RestApiId)
    if ((($stages.StageName | Sort-Object) -join ',') -ne 'prod,test') { "stages: $($stages.StageName -join ',')" }
}
