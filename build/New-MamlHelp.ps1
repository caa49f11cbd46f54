<#
.SYNOPSIS
    Compiles the cmdlet help markdown (docs/cmdlets/*.md) into MAML and copies the about_ topics.
#>
param(
    [Parameter(Mandatory)] [string] $CommandDocs,
    [Parameter(Mandatory)] [string] $AboutDocs,
    [Parameter(Mandatory)] [string] $OutputDirectory
)
$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Force $OutputDirectory | Out-Null
