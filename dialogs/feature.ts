/**
 * One descriptor per feature: its dialog, the card submissions it accepts, its menu entry, the free
 * text that starts it, and who may use it. The dialog set, the menu, the intents and the router's
 * submissions are all built from the list in dialogs/index.ts, so adding a feature is one entry.
 */
import type { Dialog } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { Action } from '../bot/identity/access';
import { submissionRoute, type SubmissionRoute } from './router';
import type { DialogServices } from './services';

export interface Feature {
  /** The dialog id, and the `action` of the menu button that starts it. */
  readonly id: string;
  readonly dialogs: (services: DialogServices) => readonly Dialog[];
  /** Card submissions besides the start button. */
  readonly submissions?: (services: DialogServices) => readonly SubmissionRoute[];
  /** Its menu button; the menu lists features in the order they are declared. */
  readonly menu?: { readonly title: string; readonly staffTitle?: string };
  /** Free text that asks to do this job (tried in declaration order, first match wins). */
  readonly intent?: RegExp;
  /** The access-table action a person needs; the menu shows the feature only to them. */
  readonly requires?: Action;
  /** Extra fields the start button may carry (passed to the dialog as its options). */
  readonly start?: z.ZodRawShape;
}

export interface MenuItem {
  readonly action: string;
  readonly title: string;
  readonly staffTitle?: string;
  readonly requires?: Action;
}

/** What the router is given: everything the features declare. */
export interface Assembled {
  readonly dialogs: readonly Dialog[];
  readonly submissions: readonly SubmissionRoute[];
  readonly menu: readonly MenuItem[];
  readonly intents: readonly { readonly action: string; readonly pattern: RegExp }[];
}

/** A start button: `{ action: id }` (plus any fields the feature declares) cancels what is going on and begins the dialog. */
export function startRoute(id: string, extra: z.ZodRawShape = {}): SubmissionRoute {
  return submissionRoute(id, z.object({ action: z.literal(id), ...extra }).strict(), async (dc, data) => {
    const { action: _action, ...options } = data as Record<string, unknown>;
    await dc.cancelAllDialogs();
    await dc.beginDialog(id, options);
  });
}

/** Builds the dialogs, submissions, menu and intents from the features. Throws on two features or routes with one id. */
export function assemble(features: readonly Feature[], services: DialogServices): Assembled {
  const ids = new Set<string>();
  for (const f of features) {
    if (ids.has(f.id)) throw new Error(`two features have the id "${f.id}"`);
    ids.add(f.id);
  }
  const submissions = features.flatMap((f) => [startRoute(f.id, f.start), ...(f.submissions?.(services) ?? [])]);
  assertOneRoutePerAction(submissions);
  return {
    dialogs: features.flatMap((f) => f.dialogs(services)),
    submissions,
    menu: features.flatMap((f) => (f.menu ? [{ action: f.id, ...f.menu, ...(f.requires ? { requires: f.requires } : {}) }] : [])),
    intents: intentsOf(features),
  };
}

/** The features' free-text patterns, in declaration order. */
export function intentsOf(features: readonly Feature[]): { readonly action: string; readonly pattern: RegExp }[] {
  return features.flatMap((f) => (f.intent ? [{ action: f.id, pattern: f.intent }] : []));
}

/** The router keeps one route per action: two for one action is a mistake found at start-up, not a silent overwrite. */
export function assertOneRoutePerAction(routes: readonly SubmissionRoute[]): void {
  const seen = new Set<string>();
  for (const r of routes) {
    if (seen.has(r.action)) throw new Error(`two card submission routes for the action "${r.action}"`);
    seen.add(r.action);
  }
}
