import { createHash } from 'node:crypto';
import type { Container, ItemDefinition } from '@azure/cosmos';
import type { Storage, StoreItems } from 'botbuilder';
import { cosmosStatus, type ContainerSpec } from './cosmos';

/** Conversation and user state. Real Cosmos expires it after 30 days of inactivity (docs/data-protection.md). */
export const BOT_STATE_CONTAINER: ContainerSpec = { id: 'botState', partitionKey: '/id', defaultTtl: 30 * 24 * 60 * 60 };

interface StateDocument extends ItemDefinition {
  id: string;
  /** The Bot Framework storage key, kept for support and subject access requests. */
  key: string;
  state: Record<string, unknown>;
}

export class StateConflictError extends Error {
  constructor(key: string, options?: ErrorOptions) {
    super(`CosmosStateStorage.write(): state for ${key} changed in another turn; the turn is refused rather than overwrite it`, options);
    this.name = 'StateConflictError';
  }
}

/**
 * Bot state storage on Cosmos through the real SDK.
 *
 * - Any key length works: the item id is the SHA-256 of the key, so the same key always maps to the
 *   same item (no random salt, unlike CosmosDbPartitionedStorage's compatibility mode).
 * - One partition per item (`/id`), so each read is a 1 RU point read; `read()` of several keys
 *   runs the point reads in parallel: one round trip.
 * - Optimistic concurrency: an item read with an eTag is written back with If-Match, so a turn on
 *   another instance cannot be silently overwritten; an item never read is created, not upserted.
 *   `eTag: '*'` writes unconditionally.
 */
export class CosmosStateStorage implements Storage {
  constructor(private readonly container: Container) {}

  static idFor(key: string): string {
    return createHash('sha256').update(key, 'utf8').digest('hex');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      [...new Set(keys)].map(async (key) => {
        const id = CosmosStateStorage.idFor(key);
        const { resource, statusCode } = await this.container.item(id, id).read<StateDocument>();
        if (statusCode === 404 || !resource) return;
        items[key] = { ...resource.state, eTag: resource._etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const { eTag, ...state } = (value ?? {}) as Record<string, unknown>;
        const id = CosmosStateStorage.idFor(key);
        const doc: StateDocument = { id, key, state };
        try {
          if (eTag === '*') {
            await this.container.items.upsert(doc);
          } else if (typeof eTag === 'string') {
            await this.container.item(id, id).replace(doc, { accessCondition: { type: 'IfMatch', condition: eTag } });
          } else {
            // Never read, so new: create fails if another turn created it first.
            await this.container.items.create(doc);
          }
        } catch (err) {
          if ([412, 404, 409].includes(cosmosStatus(err) ?? 0)) throw new StateConflictError(key, { cause: err });
          throw err;
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const id = CosmosStateStorage.idFor(key);
        try {
          await this.container.item(id, id).delete();
        } catch (err) {
          if (cosmosStatus(err) !== 404) throw err;
        }
      }),
    );
  }
}
