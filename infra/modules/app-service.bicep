// Linux App Service plan and the web app that runs the bot.
// App settings are written separately (app-settings.bicep) after the identity has been granted
// access to Key Vault and Cosmos, so that Key Vault references resolve on the first start.

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('App Service plan name.')
param planName string

@description('Web app name (globally unique; becomes <name>.azurewebsites.net).')
param siteName string

@description('Plan size.')
@allowed([
  'B1'
  'B2'
  'P0v3'
  'P1v3'
])
param sku string

@description('Number of instances.')
@minValue(1)
@maxValue(10)
param instanceCount int

@description('Start-up command for the Node process.')
param startupCommand string

@description('Log Analytics workspace for HTTP and console logs.')
param workspaceId string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // The service is stateless (all state is in Cosmos), so no sticky sessions.
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: startupCommand
      alwaysOn: true
      // /readyz checks Cosmos answers; App Service takes an instance out of rotation when it fails.
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      webSocketsEnabled: false
    }
  }
}

// Deployments authenticate with Entra ID (az login), never with publishing passwords.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServiceConsoleLogs' // the service's pino JSON lines
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Web app name.')
output siteName string = site.name

@description('Web app resource id.')
output siteId string = site.id

@description('Default host name, e.g. name.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('Object id of the system-assigned managed identity.')
output principalId string = site.identity.principalId
