/**
 * Counts feature dialogs started and finished from Bot Framework's own dialog telemetry
 * (WaterfallStart and WaterfallComplete of each feature's `<id>.steps`), without personal data:
 * only the feature's id. Everything else the telemetry carries is dropped.
 */
import { NullTelemetryClient, type TelemetryEvent } from 'botbuilder';
import type { UsageEvent } from '../bot/usage';

export class UsageTelemetry extends NullTelemetryClient {
  constructor(
    private readonly features: ReadonlySet<string>,
    private readonly record: (event: UsageEvent) => void,
  ) {
    super();
  }

  override trackEvent(telemetry: TelemetryEvent): void {
    const id = String(telemetry.properties?.DialogId ?? '').replace(/\.steps$/, '');
    if (!this.features.has(id)) return;
    if (telemetry.name === 'WaterfallStart') this.record({ kind: 'dialog_started', feature: id });
    else if (telemetry.name === 'WaterfallComplete') this.record({ kind: 'dialog_finished', feature: id });
  }
}
