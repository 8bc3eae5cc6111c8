// Azure Cosmos DB for NoSQL: serverless, continuous backup (30 days), Entra ID only.
//
// The containers come from ../cosmos-containers.json. Their names and partition keys must match
// docs/data-model.md and bot/records/containers.ts (`npm run infra:check` compares them). TTL is set
// here because only real Cosmos enforces it; the embedded local server ignores it.

@description('Azure region (serverless accounts have exactly one).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Cosmos DB account name (3 to 44 lower-case characters, globally unique).')
@minLength(3)
@maxLength(44)
param accountName string

@description('SQL database name.')
param databaseName string

@description('Log Analytics workspace for data-plane request logs (used to alert on 429s).')
param workspaceId string

var containerSpecs = loadJsonContent('../cosmos-containers.json').containers

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous30Days'
      }
    }
    // Entra ID (managed identity) only: no account keys on the data plane.
    disableLocalAuth: true
    // Databases and containers change only through ARM (this file), never from the app.
    disableKeyBasedMetadataWriteAccess: true
    publicNetworkAccess: 'Enabled'
    enableFreeTier: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for spec in containerSpecs: {
    parent: database
    name: spec.id
    properties: {
      resource: union({
        id: spec.id
        partitionKey: {
          paths: [
            spec.partitionKey
          ]
          kind: 'Hash'
          version: 2
        }
      }, spec.?defaultTtl == null ? {} : { defaultTtl: spec.?defaultTtl })
    }
  }
]

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: workspaceId
    // Resource-specific tables (CDBDataPlaneRequests, ...) rather than AzureDiagnostics.
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'DataPlaneRequests'
        enabled: true
      }
      {
        category: 'ControlPlaneRequests'
        enabled: true
      }
    ]
  }
}

@description('Cosmos DB account name.')
output accountName string = account.name

@description('Cosmos DB account resource id.')
output accountId string = account.id

@description('Cosmos DB endpoint.')
output endpoint string = account.properties.documentEndpoint

@description('SQL database name.')
output databaseName string = database.name
